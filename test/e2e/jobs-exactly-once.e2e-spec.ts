import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { mapLimit } from '#kyc/common';
import { JobRunner } from '#kyc/jobs';
import { JOB_CATALOG } from '#kyc/reconciliation';
import { http, PartnerFactory, PersonFactory, teeToTestLog, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Exactly once across replicas. Three built worker processes (`node dist/apps/worker/src/main.js`) share
 * one database and run the expiry job every second; one of them is SIGKILLed and restarted several times
 * while 200 slots pass, and identifications fall due all along. Afterwards every slot in the range has
 * exactly one run row (none twice, none missed: two workers are always up), a run is `interrupted` only
 * if its process was killed, every identification expired exactly once, and running a slot's job again
 * changes nothing.
 */
const WORKER_MAIN = join(process.cwd(), 'dist/apps/worker/src/main.js');
const WORKERS = 3;
const SLOTS = 200;
const KILLS = 4;
/** A kill every this many slots (the last well before the end). */
const KILL_EVERY = 45;
/** Identifications made due in waves while the workers run. */
const DUE = 60;

interface Worker {
  child: ChildProcess;
  output(): string;
  exited: Promise<unknown>;
}

describe('scheduled jobs run each slot exactly once across worker processes (SIGKILL)', () => {
  let t: TestApp;
  let partner: TestPartner;
  const workers = new Set<Worker>();
  const ds = () => t.app.get(DataSource);

  // Only the expiry job, every second; the others stay off so the run rows are the expiry's alone.
  const jobEnv: Record<string, string> = Object.fromEntries(
    Object.values(JOB_CATALOG).flatMap((d) =>
      d.name === 'expire_links'
        ? [[`JOB_${d.name.toUpperCase()}_SCHEDULE`, '* * * * * *']]
        : [[`JOB_${d.name.toUpperCase()}_ENABLED`, 'false']],
    ),
  );

  function startWorker(): Worker {
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        APP_ENV: 'sandbox',
        LOG_LEVEL: 'warn',
        DATABASE_URL: t.db.url,
        DB_POOL_SIZE: '2',
        WEBHOOK_TICK_MS: '0',
        EVIDENCE_TICK_MS: '0',
        ANALYTICS_FOLD_TICK_MS: '0',
        ANALYTICS_ALERT_TICK_MS: '0',
        ...jobEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    teeToTestLog(child, 'worker');
    let out = '';
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const w: Worker = {
      child,
      output: () => out,
      exited: new Promise((resolve) => child.once('exit', resolve)),
    };
    workers.add(w);
    void w.exited.then(() => workers.delete(w));
    return w;
  }

  const runs = () =>
    ds().query<{ slot: Date; status: string; runner: string; processed: number }[]>(
      `SELECT slot, status, runner, processed FROM job_runs
        WHERE job = 'expire_links' AND trigger = 'schedule' ORDER BY slot`,
    );

  async function waitFor(what: string, done: () => Promise<boolean>, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) {
        const logs = [...workers].map((w) => w.output()).join('\n---\n');
        throw new Error(`timed out waiting for ${what}\nworker output:\n${logs}`);
      }
      await sleep(200);
    }
  }

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    t = await startTestApp({ env: { RUN_JOBS_IN_API: 'false', SANDBOX_TICK_MS: '0', LOG_LEVEL: 'warn' } });
    partner = await PartnerFactory.create(t);
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all([...workers].map((w) => w.exited));
    await t?.close();
  });

  it(`runs ${SLOTS} every-second slots once each with ${WORKERS} workers, ${KILLS} of them SIGKILLed`, async () => {
    // Pending identifications through the partner API; made due in waves below.
    const ids = await mapLimit(Array.from({ length: DUE }), 4, async () => {
      const person = await PersonFactory.create(t, partner);
      const base = `/v1/persons/${person.id}/identifications`;
      const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
      const requested = await http(t.url, 'PATCH', `${base}/${created.body.id}/request`, {
        token: partner.token,
      });
      expect(requested.status).toBe(200);
      return created.body.id as string;
    });

    for (let i = 0; i < WORKERS; i++) startWorker();
    await waitFor('the first run rows', async () => (await runs()).length >= 3, 120_000);
    const first = (await runs())[0].slot;
    const killedRunners = new Set<string>();

    // Over the 200 slots: a wave of due identifications every 40 slots, a SIGKILL of a random worker
    // (and a fresh one started) every 45.
    let waves = 0;
    let kills = 0;
    const slotsSoFar = async () => (await runs()).filter((r) => r.slot >= first).length;
    while ((await slotsSoFar()) < SLOTS) {
      const n = await slotsSoFar();
      if (n >= (waves + 1) * 40 && waves < 4) {
        const wave = ids.slice((waves * DUE) / 4, ((waves + 1) * DUE) / 4);
        await ds().query(
          `UPDATE identifications SET url_expires_at = now() - interval '1 second' WHERE id = ANY($1)`,
          [wave],
        );
        waves++;
      }
      if (n >= (kills + 1) * KILL_EVERY && kills < KILLS) {
        const victims = [...workers];
        const victim = victims[Math.floor(Math.random() * victims.length)];
        killedRunners.add(`${victim.child.pid}`);
        victim.child.kill('SIGKILL');
        await victim.exited;
        startWorker();
        kills++;
      }
      await sleep(250);
    }
    expect({ waves, kills }).toEqual({ waves: 4, kills: KILLS });
    // Let the last slots finish, and the killed runs' leases (30 s) run out so they show as interrupted.
    await sleep(35_000);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all([...workers].map((w) => w.exited));
    await t.app.get(JobRunner).sweepInterrupted();

    const all = (await runs()).filter((r) => r.slot >= first);
    const last = all.at(-1)!.slot;
    const seconds = (last.getTime() - first.getTime()) / 1000 + 1;
    // No slot twice, none missed: one row for every second from the first to the last.
    expect(new Set(all.map((r) => r.slot.getTime())).size).toBe(all.length);
    expect(all.length).toBe(seconds);
    expect(all.length).toBeGreaterThanOrEqual(SLOTS);
    // Nothing left running; a run is interrupted only if its process was killed.
    expect(all.filter((r) => r.status === 'running' || r.status === 'failed')).toEqual([]);
    for (const r of all.filter((x) => x.status === 'interrupted')) {
      expect(killedRunners).toContain(r.runner.split(':').at(-1));
    }
    // Every identification expired exactly once, by some run.
    const events = await ds().query<{ identification_id: string; n: number }[]>(
      `SELECT identification_id, count(*)::int AS n FROM identification_events
        WHERE to_status = 'expired' GROUP BY identification_id`,
    );
    expect(events.map((e) => e.n)).toEqual(ids.map(() => 1));
    expect(new Set(events.map((e) => e.identification_id))).toEqual(new Set(ids));

    // Running a past slot's job again changes nothing.
    const rerun = await t.app.get(JobRunner).runSlot('expire_links', new Date(last.getTime() - 500), {
      trigger: 'manual',
    });
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0 });
    const [{ n }] = await ds().query(
      `SELECT count(*)::int AS n FROM identification_events WHERE to_status = 'expired'`,
    );
    expect(n).toBe(DUE);
  }, 600_000);
});
