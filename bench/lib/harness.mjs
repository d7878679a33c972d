// Shared helpers for the benchmarks under bench/: throw-away PostgreSQL databases, child servers,
// autocannon runs, machine facts and the ratio report. Plain ESM, no build step.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import autocannon from 'autocannon';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgresql://root@127.0.0.1:5432/postgres';

/** `--name value`, `--name=value`, then the BENCH_<NAME> variable, then the default. */
export function setting(name, fallback, argv = process.argv.slice(2), env = process.env) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${name}` && argv[i + 1] !== undefined) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  const v = env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  return v === undefined || v === '' ? fallback : v;
}

export function numberSetting(name, fallback) {
  const raw = setting(name, String(fallback));
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative number, got ${raw}\n`);
    process.exit(2);
  }
  return n;
}

/** Cleanup steps run in reverse order once, on success, failure or Ctrl-C. */
export function cleanupStack() {
  const steps = [];
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch (e) {
        process.stderr.write(`cleanup: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      process.stderr.write(`\n${sig}: cleaning up\n`);
      void run().then(() => process.exit(130));
    });
  }
  return { add: (fn) => steps.push(fn), run };
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh empty database on the server of `serverUrl`; returns its URL. */
export async function createDatabase(serverUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl, name) {
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Flush dirty buffers so one phase's writes are not paid for by the next phase's checkpoint. */
export async function checkpoint(serverUrl) {
  try {
    await withClient(serverUrl, (c) => c.query('CHECKPOINT'));
    return true;
  } catch {
    return false; // needs superuser or pg_checkpoint; the run stays valid without it
  }
}

export async function postgresVersion(serverUrl) {
  return withClient(serverUrl, async (c) => (await c.query('SELECT version() AS v')).rows[0].v);
}

export async function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

/**
 * Start a server as a child process. Output is kept (last 64 KiB) for the error message if it dies;
 * `stop()` sends SIGTERM and waits, then SIGKILL.
 */
export function startServer(label, args, env) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-65536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  return {
    label,
    pid: child.pid,
    output: () => output,
    exited: () => exited,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Poll `url` until it answers 200; fail early if the server process dies. */
export async function waitForOk(server, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.exited()) {
      throw new Error(
        `${server.label} exited (${JSON.stringify(server.exited())}) before ${url} answered:\n${server.output()}`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await sleep(200);
  }
  throw new Error(
    `${server.label}: ${url} did not answer 200 within ${timeoutMs} ms (last: ${last}):\n${server.output()}`,
  );
}

/** One autocannon run; resolves to its result object. Progress output is off; we print our own summary. */
export async function cannon(opts) {
  const result = await autocannon({
    ...opts,
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  });
  return result;
}

/** The figures a benchmark reports for one side, from an autocannon result. */
export function summarise(result) {
  const ok = result['2xx'];
  return {
    requests_per_second: round(result.requests.average),
    completed_2xx_per_second: round(ok / result.duration),
    latency_ms: {
      mean: round(result.latency.average),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    total_requests: result.requests.total,
    ok_2xx: ok,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    duration_s: round(result.duration),
  };
}

/** A run with failed requests measures the wrong thing: stop rather than report it. */
export function assertClean(label, result, sampleError) {
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; first failure: ${sampleError ?? 'unknown'}`,
    );
  }
}

/** utime + stime of one process in ms, from /proc (Linux); null elsewhere or when it is gone. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on every Linux this runs on

/**
 * CPU time so far of the server under test, of the PostgreSQL processes working for it (the backends
 * and autovacuum workers of `database`, and the server-wide writer processes; other databases'
 * backends are left out) and of the whole machine (busy time of all CPUs). Differences of two samples
 * give the CPU each side spends per request, a figure other load on the machine disturbs far less
 * than throughput.
 */
export function cpuSample(serverPid, database) {
  if (process.platform !== 'linux') return null;
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const ours = ` ${title} `.includes(` ${database} `);
    const otherDatabase = !ours && /autovacuum worker|\(\d+\)|\[local\]/.test(title);
    if (!otherDatabase) postgres += processCpuMs(entry) ?? 0;
  }
  return {
    at: performance.now(),
    server: processCpuMs(serverPid),
    postgres,
    machine_busy: machineBusyMs(),
    self: process.cpuUsage(),
  };
}

/** Busy time of all CPUs since boot, in ms (Linux). */
function machineBusyMs() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS;
}

/**
 * Other work on this machine (tests, builds) disturbs every figure: before a measured phase, wait up to
 * `maxWaitS` seconds until the whole machine is busy for less than 0.3 CPUs over 2 s (call it while the
 * side under test is idle). Answers what was found, for the record.
 */
export async function waitForQuiet(label, maxWaitS, log) {
  if (process.platform !== 'linux') return { machine_cpus_busy_before: null, quiet: null };
  const busy = async () => {
    const [a, at] = [machineBusyMs(), performance.now()];
    await sleep(2000);
    return (machineBusyMs() - a) / (performance.now() - at);
  };
  const deadline = performance.now() + maxWaitS * 1000;
  let load = await busy();
  while (load >= 0.3 && performance.now() < deadline) {
    log(`${label}: machine busy ${round(load)} CPUs with other work; waiting for it to calm down`);
    load = await busy();
  }
  return { machine_cpus_busy_before: round(load), quiet: load < 0.3 };
}

/** CPU per request between two samples, and how busy the machine was (in CPUs) meanwhile. */
export function cpuDelta(before, after, requests) {
  if (!before || !after || !requests) return null;
  const wall = after.at - before.at;
  const selfMs = (after.self.user + after.self.system - before.self.user - before.self.system) / 1000;
  const ownMs = after.server - before.server + (after.postgres - before.postgres) + selfMs;
  const machineMs = after.machine_busy - before.machine_busy;
  return {
    server_ms_per_request: round((after.server - before.server) / requests, 3),
    postgres_ms_per_request: round((after.postgres - before.postgres) / requests, 3),
    load_generator_ms_per_request: round(selfMs / requests, 3),
    server_cpus_used: round((after.server - before.server) / wall),
    postgres_cpus_used: round((after.postgres - before.postgres) / wall),
    machine_cpus_busy: round(machineMs / wall),
    // Busy CPU not spent by the server, PostgreSQL or the load generator: other work on the machine.
    other_cpus_busy: round(Math.max(0, machineMs - ownMs) / wall),
  };
}

export function machineInfo(pgVersion) {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model ?? 'unknown',
    cpu_count: cpus.length,
    total_memory_bytes: os.totalmem(),
    total_memory_gib: round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node_version: process.version,
    postgresql_version: pgVersion,
  };
}

/** 0 -> "a", 25 -> "z", 26 -> "ba": generated names may hold letters only, never digits. */
export function letters(n) {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

export function round(n, digits = 2) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/** The lower middle of a list of numbers (the middle one for an odd count). */
export function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
}

/** `version` of the package.json at `file` (relative to `root`). */
export function packageVersion(root, file) {
  return JSON.parse(readFileSync(resolve(root, file), 'utf8')).version;
}

/** The commit measured, and whether the app's sources differ from it; null outside a git checkout. */
export function gitState(root) {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', 'HEAD'),
      app_sources_modified: git('status', '--porcelain', '--', 'apps', 'libs', 'package.json') !== '',
    };
  } catch {
    return null;
  }
}

/** The machine's description (machineInfo) for the record; logs its first lines. */
export async function describeMachine(serverUrl, log) {
  const pgVersion = await postgresVersion(serverUrl);
  const machine = machineInfo(pgVersion);
  log(
    `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB, Node ${machine.node_version}`,
  );
  log(pgVersion);
  return { machine, pgVersion };
}

/** The console's warning when other work kept more than 0.25 CPUs busy during any of the phases. */
export function otherLoadWarning(otherCpusBusy) {
  return otherCpusBusy.some((c) => (c ?? 0) > 0.25)
    ? ['warning: other processes kept the CPUs busy during the run; the figures are disturbed']
    : [];
}

/**
 * Run a benchmark's `main` (which answers whether the targets were met), clean up whatever happened,
 * and exit: 1 when it failed, or missed a target with `strict`.
 */
export async function runMain(label, main, { strict, cleanup }) {
  let exitCode = 0;
  try {
    const passed = await main();
    if (!passed && strict) exitCode = 1;
  } catch (e) {
    process.stderr.write(`${label} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    exitCode = 1;
  } finally {
    await cleanup.run();
  }
  process.exit(exitCode);
}

/**
 * The built api (`root`/dist/apps/api/src/main.js) on `dbUrl` with jobs off, as in production, and a staff
 * member of `role` signed in. Answers the server, its base URL, the session's headers for GETs and for
 * writes (`writeHeaders`, with the CSRF token); `cleanup`
 * stops it and removes its data directory.
 */
export async function startApiAs(root, dbUrl, role, cleanup) {
  const staff = { email: `bench-${role}@bench.example`, password: `Bench-${process.pid}-${role}-Pw!` };
  await withClient(dbUrl, async (c) =>
    c.query(
      `INSERT INTO staff_users (email, display_name, role, status, password_hash) VALUES ($1, $2, $3, 'active', $4)`,
      [staff.email, `Bench ${role}`, role, await argon2.hash(staff.password)],
    ),
  );
  const dataDir = mkdtempSync(join(os.tmpdir(), 'kyc-bench-api-'));
  cleanup.add(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl };
  Object.assign(env, { DATA_DIR: dataDir, APP_ENV: 'sandbox', NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  Object.assign(env, { RUN_JOBS_IN_API: 'false', MFA_REQUIRED: 'false' });
  // Node flags for the api only, e.g. BENCH_API_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const flags = process.env.BENCH_API_FLAGS ? process.env.BENCH_API_FLAGS.split(' ') : [];
  const server = startServer('api', [...flags, resolve(root, 'dist/apps/api/src/main.js')], env);
  cleanup.add(() => server.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForOk(server, `${base}/health`);
  const res = await fetch(`${base}/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${role}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((h) => h.split(';')[0])
    .join('; ');
  const { csrf_token: csrf } = await res.json();
  // Writes also need the session's CSRF token.
  const writeHeaders = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  return { server, base, headers: { cookie }, writeHeaders };
}
