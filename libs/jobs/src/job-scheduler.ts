import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Clock } from '#kyc/common';
import { JobRunner } from './job-runner.js';
import { JobRunsRepository } from './job-runs.repository.js';
import type { JobSetting } from './job-settings.js';
import type { Schedule } from './slots.js';

export const JOB_SETTINGS = Symbol('JOB_SETTINGS');

/** Slots older than this many periods (at least an hour) are not run late any more; the log says so. */
const CATCH_UP_PERIODS = 2;
const CATCH_UP_MIN_MS = 3_600_000;
/** At most this many due slots are looked at per pass (an every-second job an hour behind: 3,600). */
const MAX_SLOTS_PER_PASS = 5_000;

/**
 * Puts every enabled job on its cron schedule (`@nestjs/schedule`'s registry). On each tick a job's loop
 * runs every due slot since the last one it saw, oldest first, through the runner, which claims it once
 * across all processes: a process busy with a long run catches up afterwards, and a slot one process
 * missed is taken by another. Slots older than the catch-up window (two periods, at least an hour) are
 * skipped with a warning: that is downtime of every runner.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(JobScheduler.name);
  private readonly cursors = new Map<string, Date>();
  private readonly busy = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly runner: JobRunner,
    private readonly runs: JobRunsRepository,
    private readonly registry: SchedulerRegistry,
    private readonly clock: Clock,
    @Inject(JOB_SETTINGS) private readonly settings: Map<string, JobSetting>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const d of this.runner.definitions) {
      const setting = this.settings.get(d.name)!;
      if (!setting.enabled) {
        this.log.log(`job ${d.name} is disabled (${'JOB_'}${d.name.toUpperCase()}_ENABLED=false)`);
        continue;
      }
      // Resume after the last slot any process ran on schedule, within the catch-up window.
      const last = await this.runs.lastScheduledSlot(d.name);
      this.cursors.set(d.name, last ?? this.clock.now());
      const cron = CronJob.from({
        cronTime: setting.schedule.expression,
        timeZone: 'UTC',
        onTick: () => this.tick(d.name),
        start: true,
        unrefTimeout: true,
      });
      this.registry.addCronJob(`job:${d.name}`, cron);
    }
  }

  /** Run the due slots of one job unless its loop is already at it (it then re-checks when done). */
  tick(name: string): Promise<void> {
    const current = this.busy.get(name);
    if (current) return current;
    const loop = this.drain(name)
      .catch((err: unknown) => this.log.error(`job ${name}: scheduling failed: ${(err as Error).name}`))
      .finally(() => this.busy.delete(name));
    this.busy.set(name, loop);
    return loop;
  }

  private async drain(name: string): Promise<void> {
    const schedule = this.settings.get(name)!.schedule;
    await this.runner.sweepInterrupted();
    for (;;) {
      if (this.stopped) return;
      const now = this.clock.now();
      const slots = this.dueSlots(name, schedule, now);
      if (!slots.length) return;
      for (const slot of slots) {
        if (this.stopped) return;
        this.cursors.set(name, slot);
        await this.runner.runSlot(name, slot);
      }
    }
  }

  private dueSlots(name: string, schedule: Schedule, now: Date): Date[] {
    let after = this.cursors.get(name) ?? now;
    const windowMs = Math.max(CATCH_UP_MIN_MS, CATCH_UP_PERIODS * schedule.period(now));
    const oldest = new Date(now.getTime() - windowMs);
    if (after < oldest) {
      this.log.warn(
        `job ${name}: slots from ${after.toISOString()} to ${oldest.toISOString()} were not run (no runner was up)`,
      );
      after = oldest;
    }
    return schedule.between(after, now, MAX_SLOTS_PER_PASS);
  }

  /** The next slot of a job, for the Jobs page. */
  nextSlot(name: string): Date | null {
    const s = this.settings.get(name);
    return s?.enabled ? s.schedule.next(this.clock.now()) : null;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const [key, job] of this.registry.getCronJobs()) {
      if (key.startsWith('job:')) void job.stop();
    }
    await Promise.allSettled([...this.busy.values()]);
  }
}
