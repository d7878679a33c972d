import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '#kyc/metrics';
import { CallbackIntakeRepository } from './callback-intake.repository.js';

export type IntakeOutcome = 'accepted' | 'duplicate' | 'rejected';

/** Callbacks received, processed, the lag from receipt to applied state, and the backlog (read at scrape time). */
@Injectable()
export class CallbackMetrics {
  private readonly received;
  private readonly processed;
  private readonly pullFailures;
  private readonly lag;

  constructor(registry: MetricsRegistry, intake: CallbackIntakeRepository) {
    this.received = registry.counter(
      'idnow_callbacks_received_total',
      'IDnow callbacks received, by outcome.',
      ['outcome'],
    );
    this.processed = registry.counter(
      'idnow_callbacks_processed_total',
      'IDnow callbacks processed (result pulled and applied), by outcome.',
      ['outcome'],
    );
    this.pullFailures = registry.counter(
      'idnow_callback_pull_failures_total',
      'Result pulls for callbacks that failed and will be retried.',
    );
    this.lag = registry.histogram(
      'idnow_callback_processing_lag_seconds',
      "Time from receiving an IDnow callback to applying the provider's result.",
      [],
      [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    );
    const pending = registry.gauge(
      'idnow_callbacks_pending',
      'IDnow callbacks received and not yet processed.',
    );
    const oldest = registry.gauge(
      'idnow_callbacks_oldest_pending_age_seconds',
      'Age of the oldest unprocessed IDnow callback (0 when none).',
    );
    registry.onCollect([pending, oldest], async () => {
      const b = await intake.backlog('idnow');
      pending.set(undefined, b.n);
      oldest.set(undefined, b.age ?? 0);
    });
  }

  receivedOne(outcome: IntakeOutcome): void {
    this.received.inc({ outcome });
  }

  processedOne(outcome: string, receivedAt: Date, at: Date): void {
    this.processed.inc({ outcome });
    this.lag.observe(undefined, Math.max(0, (at.getTime() - new Date(receivedAt).getTime()) / 1000));
  }

  pullFailed(count: number): void {
    this.pullFailures.inc(undefined, count);
  }
}
