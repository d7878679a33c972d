import { Injectable } from '@nestjs/common';
import { Clock } from '#kyc/common';
import { MetricsRegistry } from '#kyc/metrics';
import { ReviewSlaRepository } from './review-sla.repository.js';

/** The review queue at scrape time: open cases, those past their SLA, those the SLA job escalated. */
@Injectable()
export class ReviewMetrics {
  constructor(registry: MetricsRegistry, sla: ReviewSlaRepository, clock: Clock) {
    const open = registry.gauge('review_cases_open', 'Open compliance review cases.');
    const overdue = registry.gauge('review_cases_overdue', 'Open review cases past their SLA due time.');
    const escalated = registry.gauge(
      'review_cases_escalated',
      'Open review cases escalated by the review SLA job.',
    );
    registry.onCollect([open, overdue, escalated], async () => {
      const s = await sla.summary(clock.now());
      open.set(undefined, s.open);
      overdue.set(undefined, s.overdue);
      escalated.set(undefined, s.escalated);
    });
  }
}
