import { Injectable } from '@nestjs/common';
import { Env, ServiceUnavailableError } from '#kyc/common';
import {
  type DueIdentification,
  IdentificationProvider,
  MissedResultsService,
  type PollAnswer,
  type PollThresholds,
  ProviderRateLimitedError,
} from '#kyc/identifications';
import { inBatches, type JobRunContext, JobRunsRepository, ScheduledJob } from '#kyc/jobs';
import { JOB_CATALOG } from '../job-catalog.js';

/** Identifications selected (and applied) per batch: one short read, then one short transaction. */
export const POLL_BATCH = 50;
/** Provider calls in flight at once: gentle on the provider's rate limit. */
export const POLL_CONCURRENCY = 4;
/** Without a Retry-After, a 429 holds the polls for this long. */
const DEFAULT_BACKOFF_S = 60;

type Stop = { reason: 'rate_limited'; retryAfterSeconds: number } | { reason: 'provider_unavailable' };

/**
 * Polls the provider for identifications stuck in a waiting status past their threshold (a dropped
 * callback) and applies what it says through the usual intake, source `poll` (MissedResultsService). The
 * calls happen outside any transaction; at most JOB_MISSED_RESULTS_MAX_CALLS per run. A 429 (or the
 * provider being down) stops the run: the rest is counted skipped, the back-off recorded in the summary,
 * and the next slot continues once it has passed.
 */
@Injectable()
export class MissedResultsJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.missed_results;

  constructor(
    private readonly polls: MissedResultsService,
    private readonly provider: IdentificationProvider,
    private readonly runs: JobRunsRepository,
    private readonly env: Env,
  ) {
    super();
  }

  async run(ctx: JobRunContext) {
    const thresholds: PollThresholds = {
      pendingMs: this.env.JOB_MISSED_RESULTS_PENDING_MINUTES * 60_000,
      reviewMs: this.env.JOB_MISSED_RESULTS_REVIEW_MINUTES * 60_000,
    };
    const maxCalls = this.env.JOB_MISSED_RESULTS_MAX_CALLS;
    const base = {
      pending_after_minutes: this.env.JOB_MISSED_RESULTS_PENDING_MINUTES,
      review_after_minutes: this.env.JOB_MISSED_RESULTS_REVIEW_MINUTES,
      max_calls: maxCalls,
    };
    const waitUntil = await this.earlierBackoff(ctx);
    if (waitUntil) {
      ctx.tally.skipped += await this.polls.countDue(this.provider.name, ctx.slot, thresholds);
      return { ...base, calls: 0, backoff_until: waitUntil.toISOString(), stopped: 'backing_off' };
    }

    const counts = { calls: 0, repaired: 0, unchanged: 0, no_result: 0, failed: 0 };
    let stop: Stop | null = null;
    await inBatches(ctx, async () => {
      const room = maxCalls - counts.calls;
      if (room <= 0) return { processed: 0, more: false };
      const due = await this.polls.due(this.provider.name, ctx.slot, thresholds, Math.min(POLL_BATCH, room));
      if (!due.length) return { processed: 0, more: false };
      const polled = await this.pollAll(due, (s) => (stop ??= s));
      counts.calls += polled.length;
      const outcomes = await this.polls.applyPolled(this.provider.name, polled, ctx.slot, ctx.runId);
      let processed = 0;
      let skipped = 0;
      let failed = 0;
      for (const p of polled) {
        const outcome =
          p.result === 'failed' ? 'failed' : p.result === null ? 'no_result' : outcomes.get(p.due.id);
        if (outcome === 'failed') failed++;
        else if (outcome === 'transitioned' || outcome === 'contradiction') processed++;
        else {
          skipped++;
          if (outcome === 'no_result') counts.no_result++;
          else counts.unchanged++;
        }
      }
      counts.repaired += processed;
      counts.failed += failed;
      return { processed, skipped, failed, more: !stop && due.length === POLL_BATCH };
    });

    const stoppedEarly = stop !== null || counts.calls >= maxCalls || ctx.signal.aborted;
    const rest = stoppedEarly ? await this.polls.countDue(this.provider.name, ctx.slot, thresholds) : 0;
    ctx.tally.skipped += rest;
    const s = stop as Stop | null;
    const backoff =
      s?.reason === 'rate_limited'
        ? {
            retry_after_seconds: s.retryAfterSeconds,
            backoff_until: new Date(ctx.slot.getTime() + s.retryAfterSeconds * 1000).toISOString(),
          }
        : {};
    return {
      ...base,
      ...counts,
      not_polled: rest,
      stopped: s?.reason ?? (counts.calls >= maxCalls && rest > 0 ? 'max_calls' : null),
      ...backoff,
    };
  }

  /**
   * Ask the provider about each, a few at a time; after a 429 or an outage no new call starts. Answers
   * only those asked: the one refused with 429 and those never asked stay due for the next slot.
   */
  private async pollAll(due: DueIdentification[], onStop: (s: Stop) => void): Promise<PollAnswer[]> {
    const answers: PollAnswer[] = [];
    let stopped = false;
    let next = 0;
    const lane = async () => {
      while (!stopped && next < due.length) {
        const item = due[next++];
        try {
          answers.push({ due: item, result: await this.provider.fetchResult(item.id) });
        } catch (e) {
          if (e instanceof ProviderRateLimitedError) {
            stopped = true;
            onStop({ reason: 'rate_limited', retryAfterSeconds: e.retryAfterSeconds ?? DEFAULT_BACKOFF_S });
          } else if (e instanceof ServiceUnavailableError) {
            stopped = true;
            onStop({ reason: 'provider_unavailable' });
          } else {
            answers.push({ due: item, result: 'failed' });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, due.length) }, lane));
    return answers;
  }

  /** The back-off an earlier run recorded after a 429, when it still holds at this slot. */
  private async earlierBackoff(ctx: JobRunContext): Promise<Date | null> {
    const { rows } = await this.runs.list({
      sort: { field: 'slot', order: 'DESC' },
      offset: 0,
      limit: 5,
      filter: { job: this.definition.name },
    });
    const earlier = rows.find((r) => r.id !== ctx.runId && new Date(r.slot) < ctx.slot && r.summary);
    const until = earlier?.summary?.backoff_until;
    if (typeof until !== 'string') return null;
    const at = new Date(until);
    return at > ctx.slot ? at : null;
  }
}
