import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '#kyc/metrics';

interface Depth {
  events: number;
  event_age: number | null;
  deliveries: number;
  delivery_age: number | null;
}

/**
 * The webhook outbox at scrape time, in one statement over the partial indexes that hold only the
 * backlog: events not fanned out yet (the oldest by id, LIMIT 1) and deliveries still pending.
 */
@Injectable()
export class OutboxMetrics {
  constructor(registry: MetricsRegistry, @InjectDataSource() ds: DataSource) {
    const events = registry.gauge(
      'outbox_events_pending',
      'Outbox events not yet fanned out into webhook deliveries.',
    );
    const eventAge = registry.gauge(
      'outbox_oldest_event_age_seconds',
      'Age of the oldest outbox event not yet fanned out (0 when none).',
    );
    const deliveries = registry.gauge(
      'webhook_deliveries_pending',
      'Webhook deliveries pending (due, being retried or in flight).',
    );
    const deliveryAge = registry.gauge(
      'webhook_deliveries_oldest_pending_age_seconds',
      'Age of the oldest pending webhook delivery (0 when none).',
    );
    registry.onCollect([events, eventAge, deliveries, deliveryAge], async () => {
      const [d] = await ds.query<Depth[]>(
        `SELECT (SELECT count(*) FROM domain_events WHERE fanned_out_at IS NULL)::int AS events,
                extract(epoch FROM now() - (SELECT created_at FROM domain_events WHERE fanned_out_at IS NULL
                                             ORDER BY id LIMIT 1))::float8 AS event_age,
                (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending')::int AS deliveries,
                extract(epoch FROM now() - (SELECT min(created_at) FROM webhook_deliveries
                                             WHERE status = 'pending'))::float8 AS delivery_age`,
      );
      events.set(undefined, d?.events ?? 0);
      eventAge.set(undefined, Math.max(0, d?.event_age ?? 0));
      deliveries.set(undefined, d?.deliveries ?? 0);
      deliveryAge.set(undefined, Math.max(0, d?.delivery_age ?? 0));
    });
  }
}
