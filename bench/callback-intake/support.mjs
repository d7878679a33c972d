// Helpers for bench/callback-intake on top of the shared bench/lib/harness.mjs: clean-up, CPU
// accounting from /proc, percentiles, a seeded shuffle.
import { once } from 'node:events';

import {
  DEFAULT_DATABASE_URL,
  setting,
  withDatabase,
  withClient,
  createDatabase,
  checkpoint,
  postgresVersion,
  freePort,
  startServer,
  machineInfo,
  table,
  waitForOk,
  cpuSample as harnessCpuSample,
} from '../lib/harness.mjs';

// Shared with the other benchmarks.
export {
  DEFAULT_DATABASE_URL,
  setting,
  withDatabase,
  withClient,
  createDatabase,
  checkpoint,
  postgresVersion,
  freePort,
  startServer,
  machineInfo,
  table,
  waitForOk,
};

export function numberSetting(name, fallback) {
  const raw = setting(name, String(fallback));
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative number, got ${raw}\n`);
    process.exit(2);
  }
  return n;
}

export const flag = (name) =>
  process.argv.includes(`--${name}`) || process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] === '1';

/**
 * Cleanup steps run in reverse order once, on success, failure, Ctrl-C or an unhandled rejection; a
 * second caller waits for the same run.
 */
export function cleanupStack() {
  const steps = [];
  let running = null;
  const run = () => {
    running ??= (async () => {
      for (const step of steps.reverse()) {
        try {
          await step();
        } catch (e) {
          process.stderr.write(`cleanup: ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
    })();
    return running;
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      process.stderr.write(`\n${sig}: cleaning up\n`);
      void run().then(() => process.exit(130));
    });
  }
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`unhandled: ${e instanceof Error ? e.stack : String(e)}\n`);
    void run().then(() => process.exit(1));
  });
  return { add: (fn) => steps.push(fn), run };
}

export async function dropDatabase(serverUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * CPU time so far of the app (null for none), of the PostgreSQL processes working for `database`
 * (its backends and autovacuum workers plus the server-wide writer processes; other databases'
 * backends are left out), of this process and of the whole machine.
 */
export function cpuSample(serverPid, database) {
  const sample = harnessCpuSample(serverPid, database);
  return sample && { ...sample, server: sample.server ?? 0 };
}

/** CPU spent per unit of work between two samples, and how many CPUs each side kept busy. */
export function cpuDelta(before, after, units) {
  if (!before || !after || !units) return null;
  const wall = after.at - before.at;
  const selfMs = (after.self.user + after.self.system - before.self.user - before.self.system) / 1000;
  const serverMs = after.server - before.server;
  const postgresMs = after.postgres - before.postgres;
  const machineMs = after.machine_busy - before.machine_busy;
  return {
    wall_ms: round(wall),
    app_ms_per_unit: round(serverMs / units, 3),
    postgres_ms_per_unit: round(postgresMs / units, 3),
    bench_process_ms_per_unit: round(selfMs / units, 3),
    app_cpus_used: round(serverMs / wall),
    postgres_cpus_used: round(postgresMs / wall),
    bench_process_cpus_used: round(selfMs / wall),
    machine_cpus_busy: round(machineMs / wall),
    // Busy CPU not spent by the app, PostgreSQL or this process: other work on the machine.
    other_cpus_busy: round(Math.max(0, machineMs - serverMs - postgresMs - selfMs) / wall),
  };
}

export function round(n, digits = 2) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function latencySummary(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (p) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: round(sum / sorted.length),
    p50: round(at(50)),
    p90: round(at(90)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1]),
  };
}

export function shuffle(items, random = Math.random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** A small seeded PRNG (mulberry32), so a run's order and duplicate choice can be repeated. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
