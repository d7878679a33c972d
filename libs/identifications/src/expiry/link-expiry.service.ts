import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { Clock } from '#kyc/common';
import { appendDomainEvents, type Tx } from '#kyc/database';
import { toIdentificationEventPayload } from '../dto/identification-response.js';
import { IdentificationEntity } from '../entities/identification.entity.js';
import { IdentificationsRepository } from '../identifications.repository.js';
import type { IdentificationStatus } from '../rules/identification-status.js';
import { caseTimesAfter } from '../rules/review-case.js';
import { TRANSITIONS } from '../rules/state-machine.js';

/** Statuses whose url can run out: those the state machine lets go to `expired`. */
export const EXPIRABLE_STATUSES = (Object.keys(TRANSITIONS) as IdentificationStatus[]).filter((s) =>
  TRANSITIONS[s].includes('expired'),
);

/**
 * Identification links run out 14 days after the request (seed, "url … valid for 14 days"); the url's end
 * is `url_expires_at`. `expireDue` takes one batch of due identifications (skipping rows another process
 * holds) and, in one short transaction, moves them to `expired` with their status event, an audit event
 * each and the IDENTIFICATION webhook, as any other transition. Idempotent: an expired row is not due.
 */
@Injectable()
export class LinkExpiryService {
  constructor(
    private readonly repo: IdentificationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** How many identifications are due at `at` (the dry count for reports). */
  async countDue(at: Date): Promise<number> {
    return this.repo.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM identifications WHERE status = ANY($1) AND url_expires_at <= $2`,
        [EXPIRABLE_STATUSES, at],
      );
      return row.n;
    });
  }

  /** Expire up to `limit` identifications whose url ended at or before `at`; `jobRun` names the run in the audit. */
  async expireDue(at: Date, limit: number, jobRun: string): Promise<{ expired: number; more: boolean }> {
    return this.repo.transaction(async (tx) => {
      const due = await this.lockDue(tx, at, limit);
      if (!due.length) return { expired: 0, more: false };
      const now = this.clock.now();
      const next = due.map((i) => ({
        ...i,
        status: 'expired' as const,
        ...caseTimesAfter(i, { status: 'expired', flagged: i.flagged }, now),
      }));
      await this.repo.updateMany(tx, next);
      await this.repo.addEvents(
        tx,
        due.map((i) => ({
          identificationId: i.id,
          kind: 'transition' as const,
          from: i.status,
          to: 'expired' as const,
          actor: 'system' as const,
          actorId: 'expire_links',
        })),
      );
      await appendDomainEvents(
        tx,
        next.map((i) => ({
          type: 'IDENTIFICATION' as const,
          partnerId: i.partnerId,
          entityId: i.id,
          payload: toIdentificationEventPayload(i),
        })),
      );
      await this.audit.recordMany(
        due.map((i) => ({
          actorType: 'system' as const,
          actorId: 'expire_links',
          action: 'identification.expired',
          entityType: 'identification',
          entityId: i.id,
          diff: { from: i.status, to: 'expired', url_expires_at: i.urlExpiresAt, job_run: jobRun },
        })),
        tx,
      );
      return { expired: due.length, more: due.length === limit };
    });
  }

  private lockDue(tx: Tx, at: Date, limit: number): Promise<IdentificationEntity[]> {
    return tx
      .getRepository(IdentificationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('i.status IN (:...statuses)', { statuses: EXPIRABLE_STATUSES })
      .andWhere('i.url_expires_at <= :at', { at })
      .orderBy('i.url_expires_at')
      .addOrderBy('i.id')
      .limit(limit)
      .getMany();
  }
}
