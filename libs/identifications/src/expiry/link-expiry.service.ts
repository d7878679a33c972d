import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { Clock } from '#kyc/common';
import { appendDomainEvents, type Tx } from '#kyc/database';
import {
  type IdentificationEventSource,
  toIdentificationEventPayload,
} from '../dto/identification-response.js';
import type { IdentificationEntity } from '../entities/identification.entity.js';
import { IdentificationsRepository, type IdentificationUpdate } from '../identifications.repository.js';
import type { IdentificationStatus } from '../rules/identification-status.js';
import { caseTimesAfter } from '../rules/review-case.js';
import { TRANSITIONS } from '../rules/state-machine.js';

/** Statuses whose url can run out: those the state machine lets go to `expired`. */
export const EXPIRABLE_STATUSES = (Object.keys(TRANSITIONS) as IdentificationStatus[]).filter((s) =>
  TRANSITIONS[s].includes('expired'),
);

/** A due identification as the expiry reads it: what it writes back, the webhook body and the audit. */
type DueRow = IdentificationUpdate &
  IdentificationEventSource &
  Pick<IdentificationEntity, 'partnerId' | 'urlExpiresAt'>;

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

  /**
   * Lock the next due rows, skipping those another process holds; only the columns the expiry reads, as
   * plain rows (a batch is a thousand: TypeORM's hydration of whole entities was a fifth of its time).
   */
  private lockDue(tx: Tx, at: Date, limit: number): Promise<DueRow[]> {
    return tx.query<DueRow[]>(
      `SELECT id, status, partner_id AS "partnerId", person_id AS "personId", method, reference, url,
              url_expires_at AS "urlExpiresAt", completed_at AS "completedAt", provider_result AS "providerResult",
              failure_reason AS "failureReason", review_started_at AS "reviewStartedAt", flagged,
              flag_reasons AS "flagReasons", case_opened_at AS "caseOpenedAt", case_due_at AS "caseDueAt"
         FROM identifications
        WHERE status = ANY($1) AND url_expires_at <= $2
        ORDER BY url_expires_at, id
        LIMIT $3
          FOR UPDATE SKIP LOCKED`,
      [EXPIRABLE_STATUSES, at, limit],
    );
  }
}
