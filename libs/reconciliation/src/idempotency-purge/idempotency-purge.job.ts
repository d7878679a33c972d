import { Injectable } from '@nestjs/common';
import { IdempotencyPurgeService } from '#kyc/idempotency';
import { inBatches, type JobRunContext, ScheduledJob } from '#kyc/jobs';
import { JOB_CATALOG } from '../job-catalog.js';

/** Keys per transaction: a short delete that never holds a partner's POST up for long. */
export const IDEMPOTENCY_PURGE_BATCH = 1000;

/** Delete the idempotency keys that expired by the slot (IDEMPOTENCY_TTL_HOURS after first use). */
@Injectable()
export class IdempotencyPurgeJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.idempotency_purge;

  constructor(private readonly purge: IdempotencyPurgeService) {
    super();
  }

  async run(ctx: JobRunContext) {
    const batches = await inBatches(ctx, async () => {
      const r = await this.purge.purgeExpired(ctx.slot, IDEMPOTENCY_PURGE_BATCH);
      return { processed: r.purged, more: r.more };
    });
    return { purged: ctx.tally.processed, batches, cutoff: ctx.slot.toISOString() };
  }
}
