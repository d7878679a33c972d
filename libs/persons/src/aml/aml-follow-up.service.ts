import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { Env } from '#kyc/common';
import { AmlFollowUpsRepository } from './aml-follow-ups.repository.js';
import { followUpWindow } from './aml-window.js';

/** Who lists and resolves, in the audit trail. */
export const AML_FOLLOW_UP_ACTOR = 'aml_follow_up';

export interface BatchOutcome {
  /** Rows that changed (listed for the first time or again, date changed, resolved). */
  changed: number;
  /** Rows looked at and left as they were. */
  unchanged: number;
  more: boolean;
}

/**
 * The AML follow-up list: persons whose `aml_follow_up_date` is past or within AML_FOLLOW_UP_WINDOW_DAYS
 * of the job's slot are listed (`aml_follow_ups`, one row per person); a listed person whose date moved
 * out of the window (a new AML confirmation) is resolved. Each change is audited (`aml_follow_up.listed`,
 * `aml_follow_up.resolved`, actor system, ids and dates only). Idempotent: a slot run again changes nothing.
 */
@Injectable()
export class AmlFollowUpService {
  constructor(
    private readonly repo: AmlFollowUpsRepository,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  get windowDays(): number {
    return this.env.AML_FOLLOW_UP_WINDOW_DAYS;
  }

  /** List one batch of due persons after `after` (id order); `last` is where the next batch starts. */
  async listDue(
    at: Date,
    after: string,
    limit: number,
    jobRun: string,
  ): Promise<BatchOutcome & { last: string }> {
    const { until } = followUpWindow(at, this.windowDays);
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.duePersons(tx, until, after, limit);
      if (!due.length) return { changed: 0, unchanged: 0, more: false, last: after };
      const before = new Map(
        (
          await this.repo.listed(
            tx,
            due.map((d) => d.id),
          )
        ).map((r) => [r.person_id, r]),
      );
      const changes = due.filter((d) => {
        const row = before.get(d.id);
        return !row || row.resolved_at !== null || row.due_date !== d.due_date;
      });
      await this.repo.upsert(tx, due, at);
      if (changes.length) {
        await this.audit.recordMany(
          changes.map((d) => {
            const row = before.get(d.id);
            return {
              actorType: 'system' as const,
              actorId: AML_FOLLOW_UP_ACTOR,
              action: 'aml_follow_up.listed',
              entityType: 'person',
              entityId: d.id,
              diff: {
                due_date: d.due_date,
                ...(row && row.resolved_at === null ? { previous_due_date: row.due_date } : {}),
                window_days: this.windowDays,
                job_run: jobRun,
              },
            };
          }),
          tx,
        );
      }
      return {
        changed: changes.length,
        unchanged: due.length - changes.length,
        more: due.length === limit,
        last: due[due.length - 1].id,
      };
    });
  }

  /** Resolve one batch of listed persons whose date is now outside the window at `at`. */
  async resolveMoved(at: Date, limit: number, jobRun: string): Promise<BatchOutcome> {
    const { until } = followUpWindow(at, this.windowDays);
    return this.repo.transaction(async (tx) => {
      const moved = await this.repo.moved(tx, until, limit);
      if (!moved.length) return { changed: 0, unchanged: 0, more: false };
      await this.repo.resolve(
        tx,
        moved.map((m) => m.person_id),
        at,
      );
      await this.audit.recordMany(
        moved.map((m) => ({
          actorType: 'system' as const,
          actorId: AML_FOLLOW_UP_ACTOR,
          action: 'aml_follow_up.resolved',
          entityType: 'person',
          entityId: m.person_id,
          diff: { due_date: m.due_date, new_due_date: m.current_date, job_run: jobRun },
        })),
        tx,
      );
      return { changed: moved.length, unchanged: 0, more: moved.length === limit };
    });
  }
}
