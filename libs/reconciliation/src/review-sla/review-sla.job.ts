import { Injectable } from '@nestjs/common';
import { ReviewSlaService } from '#kyc/identifications';
import { inBatches, type JobRunContext, ScheduledJob } from '#kyc/jobs';
import { JOB_CATALOG } from '../job-catalog.js';

/** Cases per transaction: a short lock on rows officers may be deciding. */
export const REVIEW_SLA_BATCH = 500;

/** Escalate the open review cases whose 24-hour SLA ended by the slot (ReviewSlaService does it). */
@Injectable()
export class ReviewSlaJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.review_sla;

  constructor(private readonly sla: ReviewSlaService) {
    super();
  }

  async run(ctx: JobRunContext) {
    const batches = await inBatches(ctx, async () => {
      const r = await this.sla.escalateDue(ctx.slot, REVIEW_SLA_BATCH, ctx.runId);
      return { processed: r.escalated, more: r.more };
    });
    return { escalated: ctx.tally.processed, batches, cutoff: ctx.slot.toISOString() };
  }
}
