import { afterEach, describe, expect, it } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import { FakeClock } from '#kyc/testing';
import type { JobRunner } from './job-runner.js';
import type { JobRunsRepository } from './job-runs.repository.js';
import { JobScheduler } from './job-scheduler.js';
import { Schedule } from './slots.js';

const T0 = '2026-01-01T00:00:00.000Z';

/** The scheduler over a runner that records the slots it is asked to run (and may be slow). */
function setup(opts: { last?: Date; runMs?: number } = {}) {
  const clock = new FakeClock(T0);
  const ran: string[] = [];
  const runner = {
    definitions: [{ name: 'job', title: '', description: '', defaultSchedule: '* * * * * *', dryRun: false }],
    runSlot: async (_name: string, slot: Date) => {
      ran.push(slot.toISOString());
      if (opts.runMs) await new Promise((r) => setTimeout(r, opts.runMs));
      return null;
    },
    sweepInterrupted: () => Promise.resolve(0),
  } as unknown as JobRunner;
  const runs = {
    lastScheduledSlot: () => Promise.resolve(opts.last ?? null),
  } as unknown as JobRunsRepository;
  const registry = new SchedulerRegistry();
  const settings = new Map([['job', { schedule: new Schedule('* * * * * *'), enabled: true }]]);
  const scheduler = new JobScheduler(runner, runs, registry, clock, settings);
  /**
   * Bootstrap, then stop the real cron timers: the tests tick by hand on the fake clock. A real tick (every
   * second, or at once when a loaded machine starts the timer late) could join a test's tick to a loop that
   * had already found nothing due.
   */
  const bootstrap = async () => {
    await scheduler.onApplicationBootstrap();
    for (const cron of registry.getCronJobs().values()) void cron.stop();
    // Settle a tick the timer may have started: nothing is due yet at T0, so it runs no slot.
    await scheduler.tick('job');
  };
  return { clock, ran, scheduler, registry, bootstrap };
}

describe('JobScheduler', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => stop?.());

  it('runs every due slot once, oldest first, from where it stands', async () => {
    const { clock, ran, scheduler, bootstrap } = setup();
    await bootstrap();
    stop = () => scheduler.onApplicationShutdown();
    clock.advance(3000);
    await scheduler.tick('job');
    expect(ran).toEqual(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:03.000Z']);
    await scheduler.tick('job');
    expect(ran).toHaveLength(3);
  });

  it('resumes after the last slot any process ran, and skips what lies beyond the catch-up window', async () => {
    const { clock, ran, scheduler, bootstrap } = setup({ last: new Date(T0) });
    await bootstrap();
    stop = () => scheduler.onApplicationShutdown();
    clock.advance(2 * 3600_000);
    await scheduler.tick('job');
    // An every-second job catches up the last hour (its window), not the two.
    expect(ran).toHaveLength(3600);
    expect(ran[0]).toBe('2026-01-01T01:00:01.000Z');
    expect(ran.at(-1)).toBe('2026-01-01T02:00:00.000Z');
  });

  it('keeps one loop per job: a tick during a run joins it, and the loop catches up after', async () => {
    const { clock, ran, scheduler, bootstrap } = setup({ runMs: 30 });
    await bootstrap();
    stop = () => scheduler.onApplicationShutdown();
    clock.advance(1000);
    const first = scheduler.tick('job');
    clock.advance(1000);
    expect(scheduler.tick('job')).toBe(first);
    await first;
    expect(ran).toEqual(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z']);
  });

  it('registers the enabled jobs with the schedule registry', async () => {
    const { scheduler, registry, bootstrap } = setup();
    await bootstrap();
    stop = () => scheduler.onApplicationShutdown();
    expect([...registry.getCronJobs().keys()]).toEqual(['job:job']);
    expect(scheduler.nextSlot('job')).toEqual(new Date('2026-01-01T00:00:01.000Z'));
  });
});
