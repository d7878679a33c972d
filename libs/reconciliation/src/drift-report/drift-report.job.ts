import { Injectable } from '@nestjs/common';
import { EvidenceBacklog } from '#kyc/documents';
import { RollupDriftCheck } from '#kyc/failure-analytics';
import { IdentificationDriftService, type ProviderDrift } from '#kyc/identifications';
import { CallbackBacklog } from '#kyc/idnow';
import { type JobRunContext, ScheduledJob } from '#kyc/jobs';
import { OutboxBacklog } from '#kyc/webhooks';
import { JOB_CATALOG } from '../job-catalog.js';
import { DriftReportsRepository } from './drift-reports.repository.js';

/** Items listed per finding; the totals count them all. */
export const DRIFT_LIST_CAP = 100;

/**
 * Compare our state with the provider's and with itself (stuck rows, the webhook outbox, the analytics
 * rollup) as of the slot, and store one report: counts in `summary`, capped id lists in `findings`. It
 * only reports; the missed-results job repairs. Each check reads a page at a time.
 */
@Injectable()
export class DriftReportJob extends ScheduledJob {
  readonly definition = JOB_CATALOG.drift_report;

  constructor(
    private readonly identifications: IdentificationDriftService,
    private readonly callbacks: CallbackBacklog,
    private readonly evidence: EvidenceBacklog,
    private readonly outbox: OutboxBacklog,
    private readonly rollup: RollupDriftCheck,
    private readonly reports: DriftReportsRepository,
  ) {
    super();
  }

  async run(ctx: JobRunContext) {
    const at = ctx.slot;
    const cap = DRIFT_LIST_CAP;
    const step = async () => {
      if (ctx.signal.aborted) throw new Error('Stopped by shutdown before the report was complete.');
      await ctx.progress();
    };
    const { provider, providerError } = await this.provider(at, cap);
    await step();
    const stuck = {
      ...(await this.identifications.stuck(at, cap)),
      callbacks_unprocessed: await this.callbacks.unprocessed(at, cap),
      evidence_overdue: await this.evidence.overdue(at, cap),
    };
    await step();
    const outbox = {
      events_not_fanned_out: await this.outbox.notFannedOut(at, cap),
      deliveries_undelivered: await this.outbox.undelivered(at, cap),
    };
    await step();
    const rollup = await this.rollup.compare(at, cap);

    const counts = {
      provider_disagreements: provider?.disagreements.total ?? 0,
      unknown_to_us: provider?.unknown.total ?? 0,
      missing_at_provider: provider?.missing.total ?? 0,
      ...Object.fromEntries(Object.entries(stuck).map(([k, v]) => [k, v.total])),
      ...Object.fromEntries(Object.entries(outbox).map(([k, v]) => [k, v.total])),
      rollup_mismatched_keys: rollup.mismatched_keys,
    };
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const summary = {
      ...counts,
      total,
      provider_error: providerError,
      provider_listed: provider?.listed ?? null,
      rollup_range: { from: rollup.from, to: rollup.to },
    };
    const findings = { provider, stuck, outbox, rollup };
    const reportId = await this.reports.insert({ runId: ctx.runId, slot: at, summary, findings });
    ctx.tally.processed = total;
    return { report_id: reportId, ...counts, total, provider_error: providerError };
  }

  /** The provider comparison; an unreachable provider is reported, and the other checks still run. */
  private async provider(
    at: Date,
    cap: number,
  ): Promise<{ provider: ProviderDrift | null; providerError: string | null }> {
    try {
      return { provider: await this.identifications.compareWithProvider(at, cap), providerError: null };
    } catch (e) {
      return {
        provider: null,
        providerError: e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error',
      };
    }
  }
}
