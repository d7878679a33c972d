import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type AuditActor, AuditService } from '#kyc/audit';
import { ConflictError, Env, IllegalTransitionError } from '#kyc/common';
import type { DemoDataState, DemoDataStatusDto, LoadDemoDataDto } from './demo-data.dto.js';
import { DemoDataRepository } from './demo-data.repository.js';
import { DemoSeeder } from './demo-seeder.js';

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_DAYS = 30;

/**
 * The console's "load demo data": one load at a time, in the background of the api process, with its
 * progress for polling. Only in sandbox mode (the module is not imported in production).
 */
@Injectable()
export class DemoDataService implements OnModuleDestroy {
  private readonly log = new Logger('DemoData');
  private state: DemoDataState = 'idle';
  private done = 0;
  private total = 0;
  private running?: { abort: AbortController; finished: Promise<void> };

  constructor(
    private readonly env: Env,
    private readonly seeder: DemoSeeder,
    private readonly repo: DemoDataRepository,
    private readonly audit: AuditService,
  ) {}

  /** The built-in sandbox plays the identifications; an external IDnow (IDNOW_BASE_URL) cannot. */
  get available(): boolean {
    return this.env.APP_ENV === 'sandbox' && !this.env.IDNOW_BASE_URL;
  }

  status(): DemoDataStatusDto {
    return { available: this.available, state: this.state, done: this.done, total: this.total };
  }

  /** Nothing to show yet: the start-up banner then says how to load demo data. */
  async isEmpty(): Promise<boolean> {
    return !(await this.repo.hasIdentifications());
  }

  /** Starts a load and answers at once; 409 while one runs. Audited with its size and seed only. */
  async start(input: LoadDemoDataDto, actor: AuditActor): Promise<DemoDataStatusDto> {
    if (!this.available) {
      throw new IllegalTransitionError(
        'Demo data needs sandbox mode with the built-in IDnow sandbox (IDNOW_BASE_URL unset).',
      );
    }
    if (this.state === 'running') {
      throw new ConflictError(
        `Demo data is being loaded (${this.done} of ${this.total} persons); wait until it is done.`,
      );
    }
    const options = {
      persons: input.persons,
      seed: input.seed ?? DEFAULT_DEMO_SEED,
      days: input.days ?? DEFAULT_DEMO_DAYS,
    };
    // Claimed before the first await, so a second request in the meantime gets its 409.
    Object.assign(this, { state: 'running', done: 0, total: options.persons });
    try {
      await this.audit.record({ ...actor, action: 'demo_data.load_started', diff: options });
    } catch (error) {
      this.state = 'idle';
      throw error;
    }
    const abort = new AbortController();
    const finished = this.seeder
      .run({ ...options, signal: abort.signal, onProgress: (done) => (this.done = done) })
      .then(
        () => {
          this.state = 'done';
        },
        (error: unknown) => {
          this.state = 'failed';
          const e = error instanceof Error ? error : new Error(String(error));
          this.log.error(`demo data load failed: ${e.name}: ${e.message}`);
        },
      );
    this.running = { abort, finished };
    return this.status();
  }

  /** Shutting down: stop after the customer steps in flight. */
  async onModuleDestroy(): Promise<void> {
    this.running?.abort.abort();
    await this.running?.finished;
  }
}
