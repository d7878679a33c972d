import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, jobCorrelationId, runWithRequestId } from '#kyc/common';
import { runWithoutStatementTimeout } from '#kyc/database';
import { type Claim, type JobRunRow, JobRunsRepository } from './job-runs.repository.js';
import { SCHEDULED_JOBS, type JobRunContext, type ScheduledJob, type JobTally } from './scheduled-job.js';

/** How often a running job proves it is alive, and after how long without that another process gives up on it. */
export const HEARTBEAT_MS = 5_000;
export const LEASE_MS = 30_000;

/** This process, as the run rows name it. */
export const RUNNER_ID = `${hostname()}:${process.pid}`;

/**
 * Runs a job for a slot: claims the slot's run row (once across every process), runs the job with a
 * heartbeat, records counts, duration and outcome. Never throws: a failure is a `failed` run row and a log
 * line (the error's name and message; jobs keep personal data out of their messages).
 */
@Injectable()
export class JobRunner implements OnApplicationShutdown {
  private readonly log = new Logger(JobRunner.name);
  private readonly jobs: Map<string, ScheduledJob>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly runs: JobRunsRepository,
    private readonly clock: Clock,
    @Inject(SCHEDULED_JOBS) jobs: ScheduledJob[],
  ) {
    this.jobs = new Map(jobs.map((j) => [j.definition.name, j]));
  }

  get definitions() {
    return [...this.jobs.values()].map((j) => j.definition);
  }

  job(name: string): ScheduledJob | undefined {
    return this.jobs.get(name);
  }

  /** Claim and run to the end; null when the slot was taken. */
  async runSlot(
    name: string,
    slot: Date,
    options: Partial<Pick<Claim, 'trigger' | 'requestedBy' | 'dryRun'>> = {},
  ) {
    const run = await this.claim(name, slot, options);
    if (run) await this.execute(run);
    return run ? ((await this.runs.get(run.id)) ?? run) : null;
  }

  /** Claim now and run in the background (the console's "run now"); null when the slot was taken. */
  async start(name: string, slot: Date, options: Partial<Pick<Claim, 'trigger' | 'requestedBy' | 'dryRun'>>) {
    const run = await this.claim(name, slot, options);
    if (run) void this.execute(run);
    return run;
  }

  private async claim(
    name: string,
    slot: Date,
    o: Partial<Pick<Claim, 'trigger' | 'requestedBy' | 'dryRun'>>,
  ) {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    const trigger = o.trigger ?? 'schedule';
    return this.runs.claim({
      job: name,
      slot,
      trigger,
      requestedBy: o.requestedBy ?? null,
      dryRun: o.dryRun ?? (trigger === 'schedule' && job.scheduledDryRun()),
      runner: RUNNER_ID,
      at: this.clock.now(),
    });
  }

  private execute(run: JobRunRow): Promise<void> {
    // A run started from a request ("run now") is a job, not the request: no statement timeout.
    const done = runWithoutStatementTimeout(() => this.runClaimed(run)).finally(() =>
      this.inFlight.delete(done),
    );
    this.inFlight.add(done);
    return done;
  }

  private async runClaimed(run: JobRunRow): Promise<void> {
    const job = this.jobs.get(run.job)!;
    const tally: JobTally = { processed: 0, skipped: 0, failed: 0 };
    const ctx: JobRunContext = {
      runId: run.id,
      slot: new Date(run.slot),
      trigger: run.trigger,
      dryRun: run.dry_run,
      tally,
      signal: this.shutdown.signal,
      progress: () => this.runs.progress(run.id, tally, this.clock.now()),
    };
    const beat = setInterval(() => void ctx.progress().catch(() => undefined), HEARTBEAT_MS);
    beat.unref();
    let outcome: { status: 'succeeded' | 'failed' | 'interrupted'; error: string | null; summary: unknown };
    try {
      // Log lines and outbox rows of the run name it, as a request's name the request.
      const summary = await runWithRequestId(jobCorrelationId(run.job, run.id), () => job.run(ctx));
      outcome = this.shutdown.signal.aborted
        ? { status: 'interrupted', error: 'stopped by shutdown between batches', summary }
        : { status: 'succeeded', error: null, summary };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      this.log.error(`job ${run.job} run ${run.id} failed: ${e.name}: ${e.message}`);
      outcome = { status: 'failed', error: `${e.name}: ${e.message}`.slice(0, 1000), summary: undefined };
    } finally {
      clearInterval(beat);
    }
    try {
      await this.runs.finish(run.id, { ...outcome, tally }, this.clock.now());
    } catch (err) {
      this.log.error(`job ${run.job} run ${run.id}: recording the outcome failed: ${(err as Error).name}`);
    }
  }

  /** Mark runs of dead processes interrupted; answers how many. */
  async sweepInterrupted(): Promise<number> {
    const now = this.clock.now();
    return this.runs.markInterrupted(new Date(now.getTime() - LEASE_MS), now);
  }

  /** Stop the jobs between batches and wait for the runs in flight to record their outcome. */
  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
