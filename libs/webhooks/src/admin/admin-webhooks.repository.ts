import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage, type Tx } from '#kyc/database';

export interface AdminSubscriptionRow {
  id: string;
  partner_id: string;
  event_type: string;
  url: string;
  state: 'active' | 'canceled' | 'deleted';
  created_at: Date;
  canceled_at: Date | null;
  deleted_at: Date | null;
  pending_deliveries: number;
  failed_deliveries: number;
}

export interface AdminDeliveryRow {
  id: string;
  subscription_id: string;
  partner_id: string;
  event_type: string;
  entity_id: string;
  webhook_id: string;
  domain_event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  first_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export interface AttemptRow {
  attempt: number;
  started_at: Date;
  latency_ms: number;
  response_status: number | null;
  error: string | null;
  response_head: string | null;
}

const SUBSCRIPTION_SELECT = `
  SELECT s.id, s.partner_id, s.event_type, s.url,
         CASE WHEN s.deleted_at IS NOT NULL THEN 'deleted' WHEN s.canceled_at IS NOT NULL THEN 'canceled' ELSE 'active' END AS state,
         s.created_at, s.canceled_at, s.deleted_at,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending_deliveries,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'failed') AS failed_deliveries
    FROM webhook_subscriptions s`;

const STATE_SQL = `CASE WHEN s.deleted_at IS NOT NULL THEN 'deleted' WHEN s.canceled_at IS NOT NULL THEN 'canceled' ELSE 'active' END`;

const SUBSCRIPTION_FILTERS: Record<string, FilterColumn> = {
  id: { sql: 's.id', op: '=' },
  partner_id: { sql: 's.partner_id', op: '=' },
  event_type: { sql: 's.event_type', op: '=' },
  state: { sql: STATE_SQL, op: '=' },
  url: { sql: 's.url', op: 'contains' },
};
const SUBSCRIPTION_SORTS = {
  created_at: 's.created_at',
  partner_id: 's.partner_id',
  event_type: 's.event_type',
};

const DELIVERY_COLUMNS = `
  d.id::text AS id, d.subscription_id, s.partner_id, ev.event_type, d.entity_id, d.webhook_id,
  d.domain_event_id::text AS domain_event_id, d.status, d.attempts, d.next_attempt_at, d.first_attempt_at,
  d.last_status_code, d.last_error, d.created_at, d.delivered_at`;
const DELIVERY_FROM = `
    FROM webhook_deliveries d
    JOIN webhook_subscriptions s ON s.id = d.subscription_id
    JOIN domain_events ev ON ev.id = d.domain_event_id`;
const DELIVERY_SELECT = `SELECT ${DELIVERY_COLUMNS} ${DELIVERY_FROM}`;

export type AdminDeliveryDetailRow = AdminDeliveryRow & { payload: unknown; subscription_live: boolean };

const DELIVERY_FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'd.id::text', op: '=' },
  subscription_id: { sql: 'd.subscription_id', op: '=' },
  partner_id: { sql: 's.partner_id', op: '=' },
  status: { sql: 'd.status', op: '=' },
  event_type: { sql: 'ev.event_type', op: '=' },
  entity_id: { sql: 'd.entity_id', op: '=' },
  webhook_id: { sql: 'd.webhook_id::text', op: '=' },
  created_from: { sql: 'd.created_at', op: '>=' },
  created_to: { sql: 'd.created_at', op: '<=' },
};
const DELIVERY_SORTS = {
  id: 'd.id',
  created_at: 'd.created_at',
  status: 'd.status',
  attempts: 'd.attempts',
  next_attempt_at: 'd.next_attempt_at',
};

/** Read and repair webhook state across partners, for staff. Every read here is deliberately unscoped. */
@Injectable()
export class AdminWebhooksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  listSubscriptionsUnscoped(q: ListQuery): Promise<{ rows: AdminSubscriptionRow[]; total: number }> {
    return queryPage(
      this.ds,
      { select: SUBSCRIPTION_SELECT, count: 'SELECT count(*)::int AS total FROM webhook_subscriptions s' },
      q,
      { filters: SUBSCRIPTION_FILTERS, sorts: SUBSCRIPTION_SORTS, tiebreak: 's.id' },
    );
  }

  async findSubscriptionUnscoped(id: string): Promise<AdminSubscriptionRow | null> {
    const [row] = await this.ds.query<AdminSubscriptionRow[]>(`${SUBSCRIPTION_SELECT} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  listDeliveriesUnscoped(q: ListQuery): Promise<{ rows: AdminDeliveryRow[]; total: number }> {
    return queryPage(
      this.ds,
      { select: DELIVERY_SELECT, count: `SELECT count(*)::int AS total ${DELIVERY_FROM}` },
      q,
      { filters: DELIVERY_FILTERS, sorts: DELIVERY_SORTS, tiebreak: 'd.id' },
    );
  }

  async findDeliveryUnscoped(id: string, tx?: Tx): Promise<AdminDeliveryDetailRow | null> {
    const [row] = await (tx ?? this.ds).query<AdminDeliveryDetailRow[]>(
      `SELECT ${DELIVERY_COLUMNS}, ev.payload, (s.deleted_at IS NULL AND s.canceled_at IS NULL) AS subscription_live
       ${DELIVERY_FROM} WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  attempts(deliveryId: string): Promise<AttemptRow[]> {
    return this.ds.query<AttemptRow[]>(
      `SELECT attempt, started_at, latency_ms, response_status, error, response_head
         FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt, id`,
      [deliveryId],
    );
  }

  /**
   * Put one finished delivery back in the queue, due now, with a fresh retry window. Its webhook id
   * stays; the attempt counter goes on. Answers false when it is pending already or its subscription is gone.
   */
  async requeue(tx: Tx, id: string, now: Date): Promise<boolean> {
    // An UPDATE answers [rows, affected count] through TypeORM's pg driver.
    const [rows] = await tx.query<[unknown[], number]>(
      `UPDATE webhook_deliveries d
          SET status = 'pending', next_attempt_at = $2, first_attempt_at = $2, lease_expires_at = NULL
         FROM webhook_subscriptions s
        WHERE d.id = $1 AND s.id = d.subscription_id AND d.status <> 'pending'
          AND s.deleted_at IS NULL AND s.canceled_at IS NULL
        RETURNING 1`,
      [id, now],
    );
    return rows.length > 0;
  }

  /** Requeue every failed (dead-lettered) delivery created in [from, to) of live subscriptions. */
  async requeueFailed(
    tx: Tx,
    range: { from: Date; to: Date; subscriptionId?: string; partnerId?: string },
    now: Date,
  ): Promise<number> {
    const [rows] = await tx.query<[unknown[], number]>(
      `UPDATE webhook_deliveries d
          SET status = 'pending', next_attempt_at = $3, first_attempt_at = $3, lease_expires_at = NULL
         FROM webhook_subscriptions s
        WHERE s.id = d.subscription_id AND d.status = 'failed' AND d.created_at >= $1 AND d.created_at < $2
          AND s.deleted_at IS NULL AND s.canceled_at IS NULL
          AND ($4::text IS NULL OR d.subscription_id = $4) AND ($5::text IS NULL OR s.partner_id = $5)
        RETURNING 1`,
      [range.from, range.to, now, range.subscriptionId ?? null, range.partnerId ?? null],
    );
    return rows.length;
  }
}
