import type { EntityManager } from 'typeorm';

/** Event types partners can subscribe to (Solaris webhook event names). */
export type DomainEventType = 'IDENTIFICATION' | 'PERSON_CHANGED';

export interface DomainEvent {
  type: DomainEventType;
  partnerId: string;
  /** Sent as Solaris-Entity-Id. */
  entityId: string;
  payload: Record<string, unknown>;
}

/** A transaction handle: domain services pass theirs so the event commits with the change (outbox). */
export type Tx = EntityManager;

export async function appendDomainEvent(tx: Tx, e: DomainEvent): Promise<void> {
  await tx.query(
    `INSERT INTO domain_events (event_type, partner_id, entity_id, payload) VALUES ($1, $2, $3, $4)`,
    [e.type, e.partnerId, e.entityId, JSON.stringify(e.payload)],
  );
}

/** Several outbox rows in one statement, in the order given. */
export async function appendDomainEvents(tx: Tx, events: DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const records = events.map((e, i) => ({ n: i, t: e.type, p: e.partnerId, e: e.entityId, d: e.payload }));
  await tx.query(
    `INSERT INTO domain_events (event_type, partner_id, entity_id, payload)
     SELECT t, p, e, d FROM jsonb_to_recordset($1::jsonb) AS x(n int, t text, p text, e text, d jsonb) ORDER BY n`,
    [JSON.stringify(records)],
  );
}
