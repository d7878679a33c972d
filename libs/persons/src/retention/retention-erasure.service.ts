import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { type DuePerson, type DueQuery, RetentionRepository } from './retention.repository.js';
import { keepUntil, type TableCounts, tableCounts } from './retention-rules.js';

/** One person erased (or, dry, that would be): the counts per table. */
export interface ErasedPerson {
  id: string;
  counts: TableCounts;
}

/** What one batch did: the persons erased (or listed), those held, those another transaction had locked. */
export interface RetentionBatch {
  erased: ErasedPerson[];
  held: string[];
  busy: string[];
  /** The last id looked at: the next batch starts after it. */
  lastId: string;
  more: boolean;
}

/**
 * Erases the persons the retention rules say are due, one short transaction per batch: the due persons in
 * id order, the held ones skipped, the rest locked (`FOR UPDATE SKIP LOCKED`) and erased by the database
 * function `kyc_retention_erase` (the only way past the append-only tables), with one audit event each that
 * holds the rule, the dates and the counts per table, never personal data. A dry batch runs the same function
 * counting only, in a transaction that changes nothing, so a dry run lists exactly what a real run erases.
 */
@Injectable()
export class RetentionErasureService {
  constructor(
    private readonly repo: RetentionRepository,
    private readonly audit: AuditService,
  ) {}

  async batch(
    q: DueQuery,
    afterId: string,
    limit: number,
    o: { dryRun: boolean; jobRun: string },
  ): Promise<RetentionBatch> {
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.due(q, afterId, limit, tx);
      const held = due.filter((p) => p.legal_hold).map((p) => p.id);
      const candidates = due.filter((p) => !p.legal_hold);
      const locked = o.dryRun
        ? new Set(candidates.map((p) => p.id))
        : await this.repo.lock(
            tx,
            candidates.map((p) => p.id),
          );
      const erased: (ErasedPerson & { person: DuePerson })[] = [];
      for (const person of candidates) {
        if (!locked.has(person.id)) continue;
        const counts = tableCounts(await this.repo.erase(tx, person.id, o.dryRun));
        erased.push({ id: person.id, counts, person });
      }
      if (!o.dryRun && erased.length) {
        await this.audit.recordMany(
          erased.map(({ person, counts }) => ({
            actorType: 'system' as const,
            actorId: 'retention',
            action: 'person.retention_erased',
            entityType: 'person',
            entityId: person.id,
            diff: {
              rule: person.rule,
              relationship_ended_on: person.ended_on,
              keep_years: q.keepYears,
              keep_until: keepUntil(person.ended_on, q.keepYears).toISOString().slice(0, 10),
              counts,
              job_run: o.jobRun,
            },
          })),
          tx,
        );
      }
      return {
        erased: erased.map(({ id, counts }) => ({ id, counts })),
        held,
        busy: candidates.filter((p) => !locked.has(p.id)).map((p) => p.id),
        lastId: due.at(-1)?.id ?? afterId,
        more: due.length === limit,
      };
    });
  }
}
