import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { mapLimit, runDetached } from '#kyc/common';
import { IdentificationProvider, ProviderResultsService } from '#kyc/identifications';
import { CallbackIntakeRepository, type ClaimedCallback } from './callback-intake.repository.js';
import { CallbackMetrics } from './callback-metrics.js';

const BATCH = 50;
const LEASE_MS = 60_000;
const SWEEP_MS = 2_000;
const PULL_CONCURRENCY = 16;
/** Retry a failed pull after 5 s, 10 s, 20 s ... up to 10 minutes. */
const backoffMs = (attempts: number) => Math.min(600_000, 5_000 * 2 ** Math.max(0, attempts - 1));

/**
 * Turns stored callbacks into state: a callback is only a hint, so for each transaction the
 * authoritative result is pulled from the provider (no transaction is open during that HTTP call)
 * and applied. Duplicate, late and out-of-order callbacks therefore converge on the same state.
 */
@Injectable()
export class CallbackProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(CallbackProcessor.name);
  private running: Promise<void> | null = null;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Transactions whose callbacks a caller processes itself with drain({ only }); see hold(). */
  private readonly held = new Set<string>();

  constructor(
    private readonly intake: CallbackIntakeRepository,
    private readonly provider: IdentificationProvider,
    private readonly results: ProviderResultsService,
    private readonly metrics: CallbackMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), SWEEP_MS);
    this.timer.unref();
  }

  /** Stop taking work and let a run in progress finish before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }

  /** Process soon, without making the caller wait; coalesces bursts of kicks into one run. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Kicked by a callback request, the run still is not that request's: each callback keeps its own id.
    this.running = runDetached(() => this.drain())
      .then(() => undefined)
      .catch((e: unknown) => this.log.error(`callback processing failed: ${(e as Error).name}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Leave this transaction's callbacks to the caller, who processes them with drain({ only }) (the demo
   * data does, inside a simulated time); the automatic runs skip them until the answered release.
   */
  hold(transactionNumber: string): () => void {
    this.held.add(transactionNumber);
    return () => {
      this.held.delete(transactionNumber);
      this.kick();
    };
  }

  /**
   * Process until nothing is due; answers how many callbacks were handled. `only` limits it to these
   * transactions; otherwise every transaction but the held ones.
   */
  async drain(opts: { only?: readonly string[] } = {}): Promise<number> {
    const scope = opts.only ? { only: opts.only } : { except: [...this.held] };
    let total = 0;
    while (!this.stopped) {
      const claimed = await this.intake.claimDue(this.provider.name, BATCH, LEASE_MS, scope);
      if (!claimed.length) return total;
      total += claimed.length;
      await this.processBatch(claimed);
    }
    return total;
  }

  /** Wait for any run in progress (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * One pull per transaction number (several callbacks for one transaction need one pull), at most
   * PULL_CONCURRENCY at a time; then every result of the batch is applied, and its callbacks marked
   * processed, in one transaction.
   */
  private async processBatch(claimed: ClaimedCallback[]): Promise<void> {
    const byTransaction = new Map<string, ClaimedCallback[]>();
    for (const c of claimed)
      byTransaction.set(c.transaction_number, [...(byTransaction.get(c.transaction_number) ?? []), c]);
    const pulled = await mapLimit([...byTransaction.keys()], PULL_CONCURRENCY, async (txn) => {
      try {
        return { txn, result: await this.provider.fetchResult(txn) };
      } catch (error) {
        return { txn, error: error as Error };
      }
    });
    for (const p of pulled) {
      if (!p.error) continue;
      const rows = byTransaction.get(p.txn)!;
      const attempts = Math.max(...rows.map((r) => r.attempts));
      await this.intake.markFailed(
        rows.map((r) => r.id),
        p.error.name,
        backoffMs(attempts),
      );
      this.metrics.pullFailed(rows.length);
      this.log.warn(`callback for ${p.txn} will be retried (attempt ${attempts}): ${p.error.name}`);
    }
    const ok = pulled.filter((p) => !p.error);
    if (!ok.length) return;
    const results = ok.flatMap((p) => (p.result ? [p.result] : []));
    // The events name the request of the transaction's latest callback (claimed in id order).
    const causes = new Map(claimed.map((c) => [c.transaction_number, c.request_id]));
    let marks: { id: string; outcome: string }[] = [];
    await this.results.applyMany(
      this.provider.name,
      results,
      'callback',
      async (tx, outcomes) => {
        marks = ok.flatMap((p) =>
          byTransaction.get(p.txn)!.map((c) => ({
            id: c.id,
            outcome: p.result ? (outcomes.get(p.txn) ?? 'unknown_transaction') : 'no_result',
          })),
        );
        await this.intake.markProcessed(marks, tx);
      },
      causes,
    );
    const byId = new Map(claimed.map((c) => [c.id, c]));
    const now = new Date();
    for (const m of marks) this.metrics.processedOne(m.outcome, byId.get(m.id)!.received_at, now);
  }
}
