import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A delivery claimed for one attempt, with what is needed to send it. */
export interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  entity_id: string;
  webhook_id: string;
  attempts: number;
  first_attempt_at: Date;
  event_type: string;
  /** The payload as stored (jsonb text): the exact bytes sent and signed, identical on every retry. */
  body: string;
  url: string;
  secret_encrypted: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'rejected' | 'canceled';

export interface AttemptRecord {
  deliveryId: string;
  subscriptionId: string;
  attempt: number;
  startedAt: Date;
  latencyMs: number;
  responseStatus?: number;
  error?: string;
  responseHead?: string;
  /** The delivery's state after this attempt. */
  status: DeliveryStatus;
  nextAttemptAt?: Date;
  /** 410: the subscription is canceled with all its pending deliveries. */
  cancelSubscription: boolean;
}

/** Serialises fan-out across processes so delivery ids follow outbox order (transaction-level lock). */
const FAN_OUT_LOCK = 0x77686b66;

@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Turn up to `limit` new outbox rows into one delivery per matching live subscription (subscribed
   * before the event), in outbox order, and mark them fanned out: one short transaction.
   * Answers how many outbox rows were taken (0 also when another process holds the fan-out).
   */
  async fanOut(limit: number, now: Date): Promise<number> {
    return this.ds.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [FAN_OUT_LOCK],
      );
      if (!locked) return 0;
      const [rows] = await tx.query<[{ id: string }[], number]>(
        `WITH ev AS (
           SELECT id, event_type, partner_id, entity_id, created_at FROM domain_events
            WHERE fanned_out_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
         ), ins AS (
           INSERT INTO webhook_deliveries (subscription_id, domain_event_id, entity_id, next_attempt_at)
           SELECT s.id, ev.id, ev.entity_id, $2 FROM ev
             JOIN webhook_subscriptions s ON s.partner_id = ev.partner_id AND s.event_type = ev.event_type
              AND s.deleted_at IS NULL AND s.canceled_at IS NULL AND s.created_at <= ev.created_at
            ORDER BY ev.id, s.id
           ON CONFLICT (subscription_id, domain_event_id) DO NOTHING RETURNING 1
         )
         UPDATE domain_events d SET fanned_out_at = $2 FROM ev WHERE d.id = ev.id RETURNING d.id`,
        [limit, now],
      );
      return rows.length;
    });
  }

  /**
   * Claim due deliveries in one short transaction: each gets its next attempt number and a lease (a
   * crashed sender's claim comes back when it expires; at-least-once). SKIP LOCKED keeps concurrent
   * workers apart.
   *
   * Ordering: a delivery is not claimable while an earlier pending delivery exists for the same
   * subscription and entity, so a partner sees one entity's events in outbox order. The price is
   * head-of-line blocking: a delivery being retried holds back later events of that entity (only), for
   * at most the 5-day retry window.
   */
  async claimDue(limit: number, now: Date, leaseMs: number): Promise<ClaimedDelivery[]> {
    const [rows] = await this.ds.query<[ClaimedDelivery[], number]>(
      `UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, lease_expires_at = $1::timestamptz + ($3 || ' milliseconds')::interval,
              first_attempt_at = coalesce(d.first_attempt_at, $1)
         FROM domain_events ev, webhook_subscriptions s
        WHERE ev.id = d.domain_event_id AND s.id = d.subscription_id
          AND d.id IN (
            SELECT c.id FROM webhook_deliveries c
             WHERE c.status = 'pending' AND c.next_attempt_at <= $1
               AND (c.lease_expires_at IS NULL OR c.lease_expires_at <= $1)
               AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                WHERE e.subscription_id = c.subscription_id AND e.entity_id = c.entity_id
                                  AND e.status = 'pending' AND e.id < c.id)
             ORDER BY c.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED)
        RETURNING d.id, d.subscription_id, d.entity_id, d.webhook_id, d.attempts, d.first_attempt_at,
                  ev.event_type, ev.payload::text AS body, s.url, s.secret_encrypted`,
      [now, limit, String(leaseMs)],
    );
    return rows;
  }

  /** Record a batch of attempts and the deliveries' new states in one transaction. */
  async record(results: AttemptRecord[], now: Date): Promise<void> {
    if (!results.length) return;
    await this.ds.transaction(async (tx) => {
      for (const r of results) {
        await tx.query(
          `INSERT INTO webhook_attempts (delivery_id, attempt, started_at, latency_ms, response_status, error, response_head)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            r.deliveryId,
            r.attempt,
            r.startedAt,
            r.latencyMs,
            r.responseStatus ?? null,
            r.error ?? null,
            r.responseHead ?? null,
          ],
        );
        await tx.query(
          `UPDATE webhook_deliveries
              SET status = $2, lease_expires_at = NULL, next_attempt_at = coalesce($3, next_attempt_at),
                  last_status_code = $4, last_error = $5, delivered_at = CASE WHEN $2 = 'delivered' THEN $6::timestamptz END
            WHERE id = $1 AND status = 'pending'`,
          [r.deliveryId, r.status, r.nextAttemptAt ?? null, r.responseStatus ?? null, r.error ?? null, now],
        );
        if (r.cancelSubscription) {
          await tx.query(
            `UPDATE webhook_subscriptions SET canceled_at = $2 WHERE id = $1 AND canceled_at IS NULL`,
            [r.subscriptionId, now],
          );
          await tx.query(
            `UPDATE webhook_deliveries SET status = 'canceled', lease_expires_at = NULL
              WHERE subscription_id = $1 AND status = 'pending'`,
            [r.subscriptionId],
          );
        }
      }
    });
  }
}
