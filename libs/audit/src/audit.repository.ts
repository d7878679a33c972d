import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage } from '#kyc/database';
import { type AuditRecord, auditHash, type ChainRow, GENESIS_HASH } from './audit-chain.js';

/** Rows hashed between two turns of the event loop in `appendMany` (a slice takes about 2 ms). */
const HASH_SLICE = 200;

/** Every writer takes this transaction-level lock, so the chain has one order across all processes. */
const CHAIN_LOCK = 7_240_001;

/** An audit row as staff read it (no hashes). */
export interface AuditView {
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  diff: unknown;
  request_id: string | null;
  ip: string | null;
}

/** One row of `appendMany`'s insert, numbered to keep the chain's order. */
type ChainedRow = Omit<AuditView, 'id' | 'actor_type'> & {
  n: number;
  actor_type: AuditRecord['actorType'];
  prev_hash: string;
  hash: string;
};

/** A row as stored: the view plus its place in the hash chain. */
type Row = AuditView & { actor_type: AuditRecord['actorType']; prev_hash: string; hash: string };

const VIEW = `SELECT id::text AS id, occurred_at, actor_type, actor_id, role, action, entity_type, entity_id, diff,
                     request_id, ip FROM audit_events a`;
const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'a.id::text', op: '=' },
  actor_id: { sql: 'a.actor_id', op: '=' },
  actor_type: { sql: 'a.actor_type', op: '=' },
  action: { sql: 'a.action', op: '=' },
  entity_type: { sql: 'a.entity_type', op: '=' },
  entity_id: { sql: 'a.entity_id', op: '=' },
  from: { sql: 'a.occurred_at', op: '>=' },
  to: { sql: 'a.occurred_at', op: '<=' },
};
const SORTS = { id: 'a.id', occurred_at: 'a.occurred_at' };

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Append one row, chained to the last; inside the caller's transaction when one is given. */
  async append(record: AuditRecord, tx?: EntityManager): Promise<string> {
    const write = async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const [last] = await m.query<{ hash: string }[]>(
        'SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1',
      );
      // Store exactly what is hashed: jsonb keeps values, the canonical hash ignores key order.
      const diff = record.diff === undefined ? null : (JSON.parse(JSON.stringify(record.diff)) as unknown);
      const prev = last?.hash ?? GENESIS_HASH;
      const hash = auditHash(prev, { ...record, diff });
      await m.query(
        `INSERT INTO audit_events (occurred_at, actor_type, actor_id, role, action, entity_type, entity_id, diff,
                                   request_id, ip, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.occurredAt,
          record.actorType,
          record.actorId,
          record.role,
          record.action,
          record.entityType,
          record.entityId,
          diff === null ? null : JSON.stringify(diff),
          record.requestId,
          record.ip,
          prev,
          hash,
        ],
      );
      return hash;
    };
    return tx ? write(tx) : this.ds.transaction(write);
  }

  /** Append many rows, chained in the order given, in one statement (the jobs' batches). */
  async appendMany(records: AuditRecord[], tx: EntityManager): Promise<void> {
    if (!records.length) return;
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = await tx.query<{ hash: string }[]>(
      'SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1',
    );
    let prev = last?.hash ?? GENESIS_HASH;
    const rows: ChainedRow[] = [];
    for (const [n, record] of records.entries()) {
      // Hashing is the batch's longest stretch of CPU: let the process's requests in between slices.
      if (n > 0 && n % HASH_SLICE === 0) await setImmediate();
      const diff = record.diff === undefined ? null : (JSON.parse(JSON.stringify(record.diff)) as unknown);
      const hash = auditHash(prev, { ...record, diff });
      rows.push({
        n,
        occurred_at: record.occurredAt,
        actor_type: record.actorType,
        actor_id: record.actorId,
        role: record.role,
        action: record.action,
        entity_type: record.entityType,
        entity_id: record.entityId,
        diff,
        request_id: record.requestId,
        ip: record.ip,
        prev_hash: prev,
        hash,
      });
      prev = hash;
    }
    await tx.query(
      `INSERT INTO audit_events (occurred_at, actor_type, actor_id, role, action, entity_type, entity_id, diff,
                                 request_id, ip, prev_hash, hash)
       SELECT occurred_at, actor_type, actor_id, role, action, entity_type, entity_id, diff, request_id, ip,
              prev_hash, hash
         FROM jsonb_to_recordset($1::jsonb) AS x(n int, occurred_at timestamptz, actor_type text, actor_id text,
              role text, action text, entity_type text, entity_id text, diff jsonb, request_id text, ip text,
              prev_hash text, hash text)
        ORDER BY n`,
      [JSON.stringify(rows)],
    );
  }

  async list(q: ListQuery): Promise<{ rows: AuditView[]; total: number }> {
    return queryPage<AuditView>(
      this.ds,
      { select: VIEW, count: 'SELECT count(*)::int AS total FROM audit_events a' },
      q,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'a.id' },
    );
  }

  /** One page of the chain in id order, after `afterId`. */
  async page(afterId: string, limit: number): Promise<ChainRow[]> {
    const rows = await this.ds.query<Row[]>(`SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2`, [
      afterId,
      limit,
    ]);
    return rows.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurred_at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      role: r.role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      diff: r.diff,
      requestId: r.request_id,
      ip: r.ip,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }
}
