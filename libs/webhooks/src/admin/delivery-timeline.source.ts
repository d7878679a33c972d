import { Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseTimeline, type CaseTimelineSource, type TimelineEntry } from '#kyc/identifications';

/** The case timeline's webhook part: each delivery of the identification's events, with its outcome. */
@Injectable()
export class DeliveryTimelineSource implements CaseTimelineSource, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() private readonly timeline?: CaseTimeline,
  ) {}

  onModuleInit(): void {
    this.timeline?.register(this);
  }

  entries(identificationId: string): Promise<TimelineEntry[]> {
    return this.ds.query<TimelineEntry[]>(
      `SELECT d.created_at AS at, 'webhook' AS kind, 'system' AS actor,
              e.event_type || ' to ' || s.url || ': ' || d.status || ' after ' || d.attempts || ' attempt(s)' AS summary,
              d.id::text AS ref,
              jsonb_build_object('webhook_id', d.webhook_id, 'last_status_code', d.last_status_code,
                                 'delivered_at', d.delivered_at, 'subscription_id', d.subscription_id) AS detail
         FROM domain_events e
         JOIN webhook_deliveries d ON d.domain_event_id = e.id
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE e.entity_id = $1 AND e.event_type = 'IDENTIFICATION'
        ORDER BY d.id`,
      [identificationId],
    );
  }
}
