import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import type { Tx } from '#kyc/database';
import { IdentificationsRepository } from '../identifications.repository.js';
import type { ApplyOutcome } from '../provider-results.service.js';
import { ProviderResultsService } from '../provider-results.service.js';
import type { ProviderResult } from '../provider/identification-provider.js';
import type { IdentificationStatus } from '../rules/identification-status.js';
import {
  EVIDENCE_STATUSES,
  isFinal,
  RETRYABLE_STATUSES,
  REVIEW_STATUSES,
  TRANSITIONS,
} from '../rules/state-machine.js';

/**
 * Statuses in which we wait for the provider, not for the customer: not final, not retryable, and the
 * provider's result can still move them (a result with evidence is among their next statuses). From the
 * state machine: `pending`, `pending_successful`, `pending_failed`.
 */
export const POLLED_STATUSES = (Object.keys(TRANSITIONS) as IdentificationStatus[]).filter(
  (s) =>
    !isFinal(s) &&
    !RETRYABLE_STATUSES.includes(s) &&
    TRANSITIONS[s].some((to) => EVIDENCE_STATUSES.includes(to)),
);

/** How long an identification may sit in a polled status before we ask: the video call, or the review. */
export interface PollThresholds {
  pendingMs: number;
  reviewMs: number;
}

/** An identification to ask the provider about, as it was when selected. */
export interface DueIdentification {
  id: string;
  status: IdentificationStatus;
}

/** One poll's answer: the result, none yet (`null`), or the call failed (`failed`: polled, nothing to apply). */
export interface PollAnswer {
  due: DueIdentification;
  result: ProviderResult | null | 'failed';
}

/** The provider's source of a result in provider_results. */
export const POLL_SOURCE = 'poll';
/** A second poll of an identification the provider had no news about waits this long, doubling per poll... */
export const REPOLL_FIRST_MS = 5 * 60_000;
/** ... up to this (a link nobody opens stays pending for 14 days: hourly, not every run). */
export const REPOLL_MAX_MS = 60 * 60_000;

const REVIEW_POLLED = POLLED_STATUSES.filter((s) => REVIEW_STATUSES.includes(s));
const WAITING_POLLED = POLLED_STATUSES.filter((s) => !REVIEW_STATUSES.includes(s));
const CHANGED: ReadonlySet<ApplyOutcome> = new Set(['transitioned', 'contradiction', 'repeated']);

/**
 * Identifications whose provider result may have been missed (a dropped callback): which are due for a
 * poll at a slot (a short read, longest-unasked first), and applying what the polls brought through the
 * usual intake (ProviderResultsService, source `poll`), with the polls recorded and an audit event per
 * identification the poll changed. Never polls: the caller talks to the provider outside any transaction.
 */
@Injectable()
export class MissedResultsService {
  constructor(
    private readonly repo: IdentificationsRepository,
    private readonly results: ProviderResultsService,
    private readonly audit: AuditService,
  ) {}

  /** Up to `limit` identifications due for a poll at `at`, not yet polled at or after `at`. */
  async due(method: string, at: Date, t: PollThresholds, limit: number): Promise<DueIdentification[]> {
    const [sql, params] = dueQuery(method, at, t);
    return this.repo.transaction((tx) =>
      tx.query<DueIdentification[]>(
        `SELECT i.id, i.status ${sql} ORDER BY p.polled_at NULLS FIRST, i.id LIMIT $${params.length + 1}`,
        [...params, limit],
      ),
    );
  }

  /** How many are due at `at` (those a run left for the next slot). */
  async countDue(method: string, at: Date, t: PollThresholds): Promise<number> {
    const [sql, params] = dueQuery(method, at, t);
    const [row] = await this.repo.transaction((tx) =>
      tx.query<{ n: number }[]>(`SELECT count(*)::int AS n ${sql}`, params),
    );
    return row.n;
  }

  /**
   * Apply the polled results in one transaction (ProviderResultsService: status, event, webhook, evidence,
   * provider_results row with source `poll`), record every poll at `at`, audit each changed identification.
   */
  async applyPolled(
    provider: string,
    answers: PollAnswer[],
    at: Date,
    jobRun: string,
  ): Promise<Map<string, ApplyOutcome>> {
    const results = answers.flatMap((a) => (a.result && a.result !== 'failed' ? [a.result] : []));
    const record = async (tx: Tx, outcomes: Map<string, ApplyOutcome>) => {
      await this.recordPolls(
        tx,
        answers.map((a) => a.due),
        at,
      );
      const changed = results.filter((r) => CHANGED.has(outcomes.get(r.transactionNumber)!));
      await this.audit.recordMany(
        changed.map((r) => ({
          actorType: 'system' as const,
          actorId: 'missed_results',
          action: 'identification.result_polled',
          entityType: 'identification',
          entityId: r.transactionNumber,
          diff: {
            outcome: outcomes.get(r.transactionNumber),
            to: r.status,
            provider_result: r.resultCode,
            job_run: jobRun,
          },
        })),
        tx,
      );
    };
    if (!results.length) {
      await this.repo.transaction((tx) => record(tx, new Map()));
      return new Map();
    }
    return this.results.applyMany(provider, results, POLL_SOURCE, record);
  }

  /** A poll in the same status counts up (spacing the next one out); a new status starts over. */
  private async recordPolls(tx: Tx, polled: DueIdentification[], at: Date): Promise<void> {
    if (!polled.length) return;
    await tx.query(
      `INSERT INTO identification_result_polls AS p (identification_id, status, polled_at, polls)
       SELECT x.id, x.status, $3, 1 FROM unnest($1::char(36)[], $2::text[]) AS x(id, status)
       ON CONFLICT (identification_id) DO UPDATE
          SET polls = CASE WHEN p.status = EXCLUDED.status THEN p.polls + 1 ELSE 1 END,
              status = EXCLUDED.status, polled_at = EXCLUDED.polled_at`,
      [polled.map((d) => d.id), polled.map((d) => d.status), at],
    );
  }
}

/**
 * FROM … WHERE of the due identifications: in a waiting status since before its threshold (the request for
 * `pending`, the review's start for the review statuses), and not polled in this status lately (the wait
 * after a poll doubles from REPOLL_FIRST_MS to REPOLL_MAX_MS), never twice for one slot.
 */
function dueQuery(method: string, at: Date, t: PollThresholds): [string, unknown[]] {
  const sql = `FROM identifications i
    LEFT JOIN identification_result_polls p ON p.identification_id = i.id
   WHERE i.method = $1
     AND ((i.status = ANY($2::text[]) AND i.requested_at <= $3)
       OR (i.status = ANY($4::text[]) AND coalesce(i.review_started_at, i.requested_at) <= $5))
     AND (p.identification_id IS NULL
       OR (p.polled_at < $6 AND (p.status <> i.status
         OR p.polled_at + least($8::bigint, $7::bigint * (1::bigint << least(p.polls - 1, 20)))
              * interval '1 millisecond' <= $6)))`;
  return [
    sql,
    [
      method,
      WAITING_POLLED,
      new Date(at.getTime() - t.pendingMs),
      REVIEW_POLLED,
      new Date(at.getTime() - t.reviewMs),
      at,
      REPOLL_FIRST_MS,
      REPOLL_MAX_MS,
    ],
  ];
}
