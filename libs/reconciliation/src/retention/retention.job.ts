import { Injectable } from '@nestjs/common';
import { Env } from '#kyc/common';
import { RetentionFilesService } from '#kyc/documents';
import type { IdentificationStatus } from '#kyc/identifications';
import { inBatches, type JobRunContext, ScheduledJob } from '#kyc/jobs';
import { latestDueEnd, RETENTION, RetentionErasureService, tableCounts } from '#kyc/persons';
import { JOB_CATALOG } from '../job-catalog.js';

/** A person became a customer when one of their identifications reached this status (the state machine's). */
export const CUSTOMER_STATUSES: readonly IdentificationStatus[] = ['successful'];

/** Files removed per pass over the queue. */
const FILE_BATCH = 500;

/**
 * Retention (GwG §8(4), docs/RETENTION.md): erases the persons whose keep period ended by the slot, held
 * ones skipped, in batches (RetentionErasureService), then removes their stored files (RetentionFilesService).
 * The summary's `plan` (ids and counts per table, no personal data) is the same for a dry and a real run
 * of the same data and slot.
 */
@Injectable()
export class RetentionJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.retention;

  constructor(
    private readonly erasure: RetentionErasureService,
    private readonly files: RetentionFilesService,
    private readonly env: Env,
  ) {
    super();
  }

  /** Scheduled runs are dry runs until the operator sets JOB_RETENTION_MODE=erase (the run row says so). */
  override scheduledDryRun(): boolean {
    return this.env.JOB_RETENTION_MODE !== 'erase';
  }

  async run(ctx: JobRunContext) {
    // The run row says whether this is a dry run: an admin's choice, or scheduledDryRun() on schedule.
    const dryRun = ctx.dryRun;
    const keepYears = this.env.JOB_RETENTION_KEEP_YEARS;
    const q = { at: ctx.slot, keepYears, customerStatuses: CUSTOMER_STATUSES };
    const erased: string[] = [];
    const held: string[] = [];
    let busy = 0;
    let tables = tableCounts();
    let after = '';
    const batches = await inBatches(ctx, async () => {
      const b = await this.erasure.batch(q, after, RETENTION.batch, { dryRun, jobRun: ctx.runId });
      after = b.lastId;
      erased.push(...b.erased.map((p) => p.id));
      held.push(...b.held);
      busy += b.busy.length;
      tables = tableCounts(tables, ...b.erased.map((p) => p.counts));
      return { processed: b.erased.length, skipped: b.held.length + b.busy.length, more: b.more };
    });
    const files = dryRun ? null : await this.removeFiles(ctx);
    return {
      dry_run: dryRun,
      plan: {
        keep_years: keepYears,
        relationship_ended_on_or_before: latestDueEnd(ctx.slot, keepYears),
        persons: erased.length,
        person_ids: erased.slice(0, RETENTION.listedIds),
        held: held.length,
        held_ids: held.slice(0, RETENTION.listedIds),
        tables,
      },
      busy,
      batches,
      files,
    };
  }

  /** The queued files (this run's and any an earlier run could not remove); failures count as failed. */
  private async removeFiles(ctx: JobRunContext) {
    let removed = 0;
    let failed = 0;
    for (let more = true; more && !ctx.signal.aborted;) {
      const r = await this.files.removeQueued(FILE_BATCH);
      removed += r.removed;
      failed += r.failed;
      more = r.more;
    }
    ctx.tally.failed += failed;
    await ctx.progress();
    return { removed, failed, pending: await this.files.pending() };
  }
}
