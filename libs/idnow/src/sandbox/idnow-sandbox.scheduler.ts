import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, Env } from '#kyc/common';
import { playDueSteps, type Published } from './engine/attempts.js';
import { SandboxIdentificationsRepository } from './sandbox-identifications.repository.js';
import { SandboxTransitions } from './sandbox-transitions.js';

const BATCH = 50;
const MAX_BATCHES_PER_TICK = 20;

/**
 * Plays the scenarios' due steps. Each batch is claimed with FOR UPDATE SKIP LOCKED in a short
 * transaction (so several processes share the work), committed, and only then are the callbacks sent.
 * In sandbox mode a timer ticks every SANDBOX_TICK_MS; tests set 0 and call tick() themselves.
 */
@Injectable()
export class IdnowSandboxScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('IdnowSandbox');
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
    private readonly repo: SandboxIdentificationsRepository,
    private readonly transitions: SandboxTransitions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.APP_ENV !== 'sandbox' || this.env.SANDBOX_TICK_MS <= 0) return;
    this.timer = setInterval(() => this.tickFromTimer(), this.env.SANDBOX_TICK_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a tick in flight, before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Plays every step due by now; answers how many results were published. */
  async tick(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const { published, claimed } = await this.playBatch();
      await this.transitions.sendAll(published);
      total += published.length;
      if (claimed < BATCH) break;
    }
    return total;
  }

  private async playBatch(): Promise<{ published: Published[]; claimed: number }> {
    return this.repo.transaction(async (m) => {
      const now = this.clock.now();
      const rows = await this.repo.claimDue(m, now, BATCH);
      const published: Published[] = [];
      for (const row of rows) {
        published.push(...playDueSteps(row, now));
        row.updatedAt = now;
        await this.repo.update(m, row);
      }
      return { published, claimed: rows.length };
    });
  }

  /** Never lets a failure escape the timer; skips a beat while the previous tick still runs. */
  private tickFromTimer(): void {
    if (this.running) return;
    this.running = this.tick()
      .catch((e: unknown) =>
        this.log.error(`sandbox tick failed: ${e instanceof Error ? e.name : 'unknown'}`),
      )
      .finally(() => {
        this.running = null;
      });
  }
}
