import { Injectable } from '@nestjs/common';
import { inBatches, type JobRunContext, ScheduledJob } from '#kyc/jobs';
import { AmlFollowUpService } from '#kyc/persons';
import { JOB_CATALOG } from '../job-catalog.js';

/** Persons per transaction. */
export const AML_FOLLOW_UP_BATCH = 1000;

/**
 * Record the AML follow-up list at the slot (AmlFollowUpService): list the persons due within the window
 * or past, in id order, then resolve those whose date moved out of it.
 */
@Injectable()
export class AmlFollowUpJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.aml_follow_up;

  constructor(private readonly aml: AmlFollowUpService) {
    super();
  }

  async run(ctx: JobRunContext) {
    let after = '';
    let listed = 0;
    let resolved = 0;
    await inBatches(ctx, async () => {
      const r = await this.aml.listDue(ctx.slot, after, AML_FOLLOW_UP_BATCH, ctx.runId);
      after = r.last;
      listed += r.changed;
      return { processed: r.changed, skipped: r.unchanged, more: r.more };
    });
    await inBatches(ctx, async () => {
      const r = await this.aml.resolveMoved(ctx.slot, AML_FOLLOW_UP_BATCH, ctx.runId);
      resolved += r.changed;
      return { processed: r.changed, more: r.more };
    });
    return {
      listed,
      resolved,
      still_listed: ctx.tally.skipped,
      window_days: this.aml.windowDays,
      cutoff: ctx.slot.toISOString(),
    };
  }
}
