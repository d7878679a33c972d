import { Injectable } from '@nestjs/common';
import { LinkExpiryService } from '#kyc/identifications';
import { inBatches, type JobRunContext, ScheduledJob } from '#kyc/jobs';
import { JOB_CATALOG } from '../job-catalog.js';

/** Rows per transaction: short enough not to hold locks a partner request would wait on. */
export const EXPIRY_BATCH = 1000;

/** Expire the links that ran out by the slot, in batches (LinkExpiryService does the transition). */
@Injectable()
export class ExpireLinksJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.expire_links;

  constructor(private readonly expiry: LinkExpiryService) {
    super();
  }

  async run(ctx: JobRunContext) {
    const batches = await inBatches(ctx, async () => {
      const r = await this.expiry.expireDue(ctx.slot, EXPIRY_BATCH, ctx.runId);
      return { processed: r.expired, more: r.more };
    });
    return { expired: ctx.tally.processed, batches, cutoff: ctx.slot.toISOString() };
  }
}
