import { Injectable } from '@nestjs/common';
import { Clock, type ListQuery } from '#kyc/common';
import type { Tx } from '#kyc/database';
import { type AuditRecord, type ChainVerdict, GENESIS_HASH, verifyRows } from './audit-chain.js';
import { AuditRepository, type AuditView } from './audit.repository.js';

export type { AuditView };

export type AuditEntry = Omit<
  AuditRecord,
  'occurredAt' | 'requestId' | 'ip' | 'diff' | 'role' | 'actorId' | 'entityType' | 'entityId'
> &
  Partial<Pick<AuditRecord, 'requestId' | 'ip' | 'diff' | 'role' | 'actorId' | 'entityType' | 'entityId'>>;

/** Who acted, from where, under which request: what a staff action's audit events carry. */
export type AuditActor = Pick<AuditEntry, 'actorType' | 'actorId' | 'role' | 'requestId' | 'ip'>;

/** The append-only, hash-chained audit trail: who did what to which entity, when, from where. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Record an event; pass the transaction of the change it audits so both commit or neither. */
  record(entry: AuditEntry, tx?: Tx): Promise<string> {
    return this.repo.append(
      {
        occurredAt: this.clock.now(),
        actorId: null,
        role: null,
        entityType: null,
        entityId: null,
        diff: null,
        requestId: null,
        ip: null,
        ...entry,
      },
      tx,
    );
  }

  /** Record several events in the transaction of the changes they audit, chained in the order given. */
  recordMany(entries: AuditEntry[], tx: Tx): Promise<void> {
    const occurredAt = this.clock.now();
    return this.repo.appendMany(
      entries.map((entry) => ({
        occurredAt,
        actorId: null,
        role: null,
        entityType: null,
        entityId: null,
        diff: null,
        requestId: null,
        ip: null,
        ...entry,
      })),
      tx,
    );
  }

  /** A filtered, sorted page for the console. */
  list(q: ListQuery): Promise<{ rows: AuditView[]; total: number }> {
    return this.repo.list(q);
  }

  /** Every matching row in pages of up to 1000, in the query's order, at most `max` rows (the CSV export). */
  async *pages(q: ListQuery, max: number): AsyncGenerator<AuditView[]> {
    let sent = 0;
    for (let offset = 0; sent < max; offset += 1000) {
      const { rows } = await this.repo.list({ ...q, offset, limit: Math.min(1000, max - sent) });
      if (rows.length) yield rows;
      sent += rows.length;
      if (rows.length < 1000) return;
    }
  }

  /** Walk the whole chain; the verdict names the first broken row. */
  async verify(pageSize = 1000): Promise<ChainVerdict> {
    let prev = GENESIS_HASH;
    let after = '0';
    let counted = 0;
    for (;;) {
      const rows = await this.repo.page(after, pageSize);
      if (!rows.length) return { ok: true, rows: counted, lastHash: prev };
      const verdict = verifyRows(rows, prev, counted);
      if (!verdict.ok) return verdict;
      prev = verdict.lastHash;
      counted = verdict.rows;
      after = rows.at(-1)!.id;
    }
  }
}
