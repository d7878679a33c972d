import type { JobRunContext } from './scheduled-job.js';

/** What one batch did; `more` when it was full, so another may follow. */
export interface BatchResult {
  processed: number;
  skipped?: number;
  failed?: number;
  more: boolean;
}

/**
 * Run `batch` (one short transaction each, typically `FOR UPDATE SKIP LOCKED … LIMIT n`) until one comes
 * back not full, the process shuts down, or `maxBatches` ran; add each to the run's tally and record it.
 */
export async function inBatches(
  ctx: JobRunContext,
  batch: () => Promise<BatchResult>,
  maxBatches = 10_000,
): Promise<number> {
  let batches = 0;
  while (batches < maxBatches && !ctx.signal.aborted) {
    const r = await batch();
    batches++;
    ctx.tally.processed += r.processed;
    ctx.tally.skipped += r.skipped ?? 0;
    ctx.tally.failed += r.failed ?? 0;
    await ctx.progress();
    if (!r.more) break;
  }
  return batches;
}
