import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, Env, Ticker } from '#kyc/common';
import { EvidenceCaptureService } from './evidence-capture.service.js';
import { type ClaimedCapture, EvidenceCapturesRepository } from './evidence-captures.repository.js';

const BATCH = 8;
/** A claim not finished within this time (a crashed process) is due again. */
const LEASE_MS = 5 * 60_000;

/**
 * Runs due evidence captures every EVIDENCE_TICK_MS (0 leaves it to `drain()`, as tests do), in the
 * worker app or, outside production, in the api. Several processes share the queue through leases.
 */
@Injectable()
export class EvidenceCaptureWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(EvidenceCaptureWorker.name);
  private readonly ticker = new Ticker(
    () => this.drain(),
    (e: unknown) => this.log.error(`evidence capture failed: ${(e as Error).name}`),
  );

  constructor(
    private readonly queue: EvidenceCapturesRepository,
    private readonly capture: EvidenceCaptureService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(this.env.EVIDENCE_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker.stop();
  }

  /** Capture until nothing is due now; answers how many captures ran. One identification's in order. */
  async drain(): Promise<number> {
    let done = 0;
    while (!this.ticker.stopped) {
      const claimed = await this.queue.claim(this.clock.now(), LEASE_MS, BATCH);
      const byIdentification = new Map<string, ClaimedCapture[]>();
      for (const c of claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
        byIdentification.set(c.identificationId, [...(byIdentification.get(c.identificationId) ?? []), c]);
      }
      await Promise.all(
        [...byIdentification.values()].map(async (captures) => {
          for (const c of captures) await this.capture.capture(c);
        }),
      );
      done += claimed.length;
      if (claimed.length < BATCH) break;
    }
    return done;
  }
}
