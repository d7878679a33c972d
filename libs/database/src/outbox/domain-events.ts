import type { EntityManager } from 'typeorm';
import { currentRequestId } from '#kyc/common';

/** Event types partners can subscribe to (Solaris webhook event names). */
export type DomainEventType = 'IDENTIFICATION' | 'PERSON_CHANGED';

export interface DomainEvent {
  type: DomainEventType;
  partnerId: string;
  /** Sent as Solaris-Entity-Id. */
  entityId: string;
  payload: Record<string, unknown>;
  /**
   * What caused it (sent with its webhooks as X-Request-Id): by default the request id of the request or
   * job run in progress; given explicitly where work is done for an earlier request (stored callbacks).
   */
  requestId?: string | null;
}

const causeOf = (e: DomainEvent) => (e.requestId === undefined ? currentRequestId() : e.requestId) ?? null;

/** A transaction handle: domain services pass theirs so the event commits with the change (outbox). */
export type Tx = EntityManager;

export async function appendDomainEvent(tx: Tx, e: DomainEvent): Promise<void> {
  await tx.query(
    `INSERT INTO domain_events (event_type, partner_id, entity_id, payload, request_id) VALUES ($1, $2, $3, $4, $5)`,
    [e.type, e.partnerId, e.entityId, JSON.stringify(e.payload), causeOf(e)],
  );
}

/** Several outbox rows in one statement, in the order given. */
export async function appendDomainEvents(tx: Tx, events: DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const records = events.map((e, i) => ({
    n: i,
    t: e.type,
    p: e.partnerId,
    e: e.entityId,
    d: e.payload,
    r: causeOf(e),
  }));
  await tx.query(
    `INSERT INTO domain_events (event_type, partner_id, entity_id, payload, request_id)
     SELECT t, p, e, d, r FROM jsonb_to_recordset($1::jsonb) AS x(n int, t text, p text, e text, d jsonb, r text)
      ORDER BY n`,
    [JSON.stringify(records)],
  );
}
