import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '#kyc/database';
import type { RetentionRule } from './retention-rules.js';

/** A person the rules say may go (or would, but for a legal hold). */
export interface DuePerson {
  id: string;
  rule: RetentionRule;
  /** YYYY-MM-DD (UTC). */
  ended_on: string;
  legal_hold: boolean;
}

/** What the due query needs: the slot, the keep period and which identification statuses make a customer. */
export interface DueQuery {
  at: Date;
  keepYears: number;
  customerStatuses: readonly string[];
}

export interface RetentionState {
  id: string;
  created_at: Date;
  relationship_ended_on: string | null;
  relationship_end_reason: string | null;
  legal_hold: boolean;
  legal_hold_reason: string | null;
  legal_hold_reference: string | null;
  legal_hold_set_by: string | null;
  legal_hold_set_at: Date | null;
  retention_erased_at: Date | null;
}

/**
 * The end of a person's relationship: recorded by an officer, or, for a person who never became a customer,
 * their last activity (the person's or an identification's latest change), as a UTC date. A customer whose
 * relationship has not been ended is never due. Due: the first of January of (year of end + 1 + keep years)
 * is at or before the slot. Erased persons are not due again.
 */
const DUE = `
  SELECT id, rule, to_char(ended_on, 'YYYY-MM-DD') AS ended_on, legal_hold FROM (
    SELECT p.id, p.legal_hold,
           CASE WHEN p.relationship_ended_on IS NOT NULL THEN 'relationship_ended' ELSE 'never_customer' END AS rule,
           CASE
             WHEN p.relationship_ended_on IS NOT NULL THEN p.relationship_ended_on
             WHEN NOT EXISTS (SELECT 1 FROM identifications c WHERE c.person_id = p.id AND c.status = ANY($3))
               THEN (greatest(p.updated_at, (SELECT max(i.updated_at) FROM identifications i WHERE i.person_id = p.id))
                     AT TIME ZONE 'UTC')::date
           END AS ended_on
      FROM persons p
     WHERE p.retention_erased_at IS NULL AND p.id > $4
  ) d
  WHERE ended_on IS NOT NULL
    AND make_date(extract(year FROM ended_on)::int + 1 + $2::int, 1, 1) <= ($1::timestamptz AT TIME ZONE 'UTC')::date`;

const STATE = `id, created_at, to_char(relationship_ended_on, 'YYYY-MM-DD') AS relationship_ended_on,
  relationship_end_reason, legal_hold, legal_hold_reason, legal_hold_reference, legal_hold_set_by,
  legal_hold_set_at, retention_erased_at`;

/** Retention's SQL on persons (the erasure itself is the database function `kyc_retention_erase`). */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** The next due persons after `afterId`, by id, held ones included (the caller skips them). */
  due(q: DueQuery, afterId: string, limit: number, m: Tx = this.ds.manager): Promise<DuePerson[]> {
    return m.query<DuePerson[]>(`${DUE} ORDER BY id LIMIT $5`, [
      q.at,
      q.keepYears,
      q.customerStatuses,
      afterId,
      limit,
    ]);
  }

  /** Lock these persons for the erasure, skipping those another transaction holds; the ids locked. */
  async lock(tx: Tx, ids: string[]): Promise<Set<string>> {
    const rows = await tx.query<{ id: string }[]>(
      `SELECT id FROM persons WHERE id = ANY($1) AND retention_erased_at IS NULL AND NOT legal_hold
        ORDER BY id FOR UPDATE SKIP LOCKED`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Erase (or, dry, count) one person's personal data; the counts per table. */
  async erase(tx: Tx, id: string, dry: boolean): Promise<Record<string, number>> {
    const [row] = await tx.query<{ counts: Record<string, number> }[]>(
      `SELECT kyc_retention_erase($1, $2) AS counts`,
      [id, dry],
    );
    return row.counts;
  }

  async state(id: string, m: Tx = this.ds.manager, lock = false): Promise<RetentionState | null> {
    const [row] = await m.query<RetentionState[]>(
      `SELECT ${STATE} FROM persons WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async setRelationshipEnd(tx: Tx, id: string, endedOn: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE persons SET relationship_ended_on = $2, relationship_end_reason = $3, version = version + 1
        WHERE id = $1`,
      [id, endedOn, reason],
    );
  }

  async setLegalHold(
    tx: Tx,
    id: string,
    hold: { reason: string; reference: string | null; by: string; at: Date } | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE persons SET legal_hold = $2, legal_hold_reason = $3, legal_hold_reference = $4,
              legal_hold_set_by = $5, legal_hold_set_at = $6, version = version + 1
        WHERE id = $1`,
      [id, hold !== null, hold?.reason ?? null, hold?.reference ?? null, hold?.by ?? null, hold?.at ?? null],
    );
  }
}
