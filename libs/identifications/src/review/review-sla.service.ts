import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { REVIEW_SLA_MS } from '../rules/review-case.js';
import { ReviewSlaRepository } from './review-sla.repository.js';

/** Who escalates, in the audit trail. */
export const REVIEW_SLA_ACTOR = 'review_sla';

/**
 * The review SLA (REVIEW_SLA_MS, 24 hours from the case opening): an open case past its due time is
 * escalated once, in short batches, with an audit event each (`review_case.escalated`, actor system,
 * ids and times only). Idempotent: an escalated case is not due again until it closes and reopens.
 */
@Injectable()
export class ReviewSlaService {
  constructor(
    private readonly repo: ReviewSlaRepository,
    private readonly audit: AuditService,
  ) {}

  /** Escalate up to `limit` open cases due at or before `at` (the job's slot); `jobRun` names the run. */
  async escalateDue(at: Date, limit: number, jobRun: string): Promise<{ escalated: number; more: boolean }> {
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.lockDue(tx, at, limit);
      if (!due.length) return { escalated: 0, more: false };
      await this.repo.markEscalated(
        tx,
        due.map((c) => c.id),
        at,
      );
      await this.audit.recordMany(
        due.map((c) => ({
          actorType: 'system' as const,
          actorId: REVIEW_SLA_ACTOR,
          action: 'review_case.escalated',
          entityType: 'identification',
          entityId: c.id,
          diff: {
            case_opened_at: new Date(c.case_opened_at).toISOString(),
            case_due_at: new Date(c.case_due_at).toISOString(),
            sla_hours: REVIEW_SLA_MS / 3600_000,
            job_run: jobRun,
          },
        })),
        tx,
      );
      return { escalated: due.length, more: due.length === limit };
    });
  }

  /** The queue's counters for the dashboard. */
  summary(now: Date) {
    return this.repo.summary(now);
  }
}
