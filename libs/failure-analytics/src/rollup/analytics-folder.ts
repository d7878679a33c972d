import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Env, Ticker } from '#kyc/common';
import { AnalyticsCountsRepository } from './analytics-counts.repository.js';

/**
 * Folds the analytics deltas into the rollup every ANALYTICS_FOLD_TICK_MS, in the worker or, outside
 * production, in the api. Queries read unfolded deltas too, so folding late is slower, never wrong.
 */
@Injectable()
export class AnalyticsFolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(AnalyticsFolder.name);
  private readonly ticker = new Ticker(
    () => this.drain(),
    (e: unknown) => this.log.error(`analytics fold failed: ${(e as Error).name}`),
  );

  constructor(
    private readonly counts: AnalyticsCountsRepository,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(this.env.ANALYTICS_FOLD_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker.stop();
  }

  /** Fold until no deltas are left; answers how many moved. */
  async drain(): Promise<number> {
    let moved = 0;
    for (;;) {
      const n = await this.counts.fold();
      moved += n;
      if (n === 0 || this.ticker.stopped) return moved;
    }
  }
}
