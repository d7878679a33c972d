import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxMetrics } from './outbox-metrics.js';

/** The relay fans out and delivers within seconds (retries back off): an hour old means it is stuck. */
export const OUTBOX_STUCK_MS = 3600_000;

export interface StuckEvent {
  domain_event_id: string;
  event_type: string;
  entity_id: string;
  created_at: string;
}

export interface StuckDelivery {
  delivery_id: string;
  domain_event_id: string;
  entity_id: string;
  attempts: number;
  created_at: string;
}

interface Capped<T> {
  total: number;
  items: T[];
}

/** The webhook outbox's backlog: events not fanned out, deliveries not delivered, older than an hour (ids only). */
@Injectable()
export class OutboxBacklog {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async notFannedOut(at: Date, cap: number): Promise<Capped<StuckEvent>> {
    const rows = await this.ds.query<
      { total: number; id: string; event_type: string; entity_id: string; created_at: Date }[]
    >(
      `SELECT count(*) OVER ()::int AS total, id, event_type, entity_id, created_at
         FROM domain_events WHERE fanned_out_at IS NULL AND created_at <= $1 ORDER BY id LIMIT $2`,
      [new Date(at.getTime() - OUTBOX_STUCK_MS), cap],
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        domain_event_id: String(r.id),
        event_type: r.event_type,
        entity_id: r.entity_id,
        created_at: new Date(r.created_at).toISOString(),
      })),
    };
  }

  /** Deliveries still `pending` (being retried) an hour after they were created. */
  async undelivered(at: Date, cap: number): Promise<Capped<StuckDelivery>> {
    const rows = await this.ds.query<
      {
        total: number;
        id: string;
        domain_event_id: string;
        entity_id: string;
        attempts: number;
        created_at: Date;
      }[]
    >(
      `SELECT count(*) OVER ()::int AS total, id, domain_event_id, entity_id, attempts, created_at
         FROM webhook_deliveries WHERE status = 'pending' AND created_at <= $1 ORDER BY id LIMIT $2`,
      [new Date(at.getTime() - OUTBOX_STUCK_MS), cap],
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        delivery_id: String(r.id),
        domain_event_id: String(r.domain_event_id),
        entity_id: r.entity_id,
        attempts: r.attempts,
        created_at: new Date(r.created_at).toISOString(),
      })),
    };
  }
}

/** The outbox backlog on its own, for reports, and its gauges for /metrics. */
@Module({ providers: [OutboxBacklog, OutboxMetrics], exports: [OutboxBacklog] })
export class OutboxBacklogModule {}
