#!/usr/bin/env node
// bench/callback-intake: IDnow callbacks into the real app (built dist/, PostgreSQL), against a bare
// INSERT of the same callback rows from raw `pg` clients, in one run on one fresh database.
//
//   npm run bench:callback-intake                                  # build, then 5,000 identifications
//   node bench/callback-intake/run.mjs --identifications 1000      # quick run (after npm run build)
//
// System side: the app (APP_ENV=sandbox, IDNOW_BASE_URL = an IDnow stand-in served by this process)
// gets POST /providers/idnow/callback for every pending identification, plus 20% duplicates (the
// identical body re-sent), shuffled, from 20 keep-alive senders. Measured: each POST's acknowledgement
// latency, and the time from the first callback sent until every identification is `successful`
// (the app pulls each result from the stand-in and applies it). Baseline side: the same 6,000 rows,
// one `INSERT ... ON CONFLICT DO NOTHING` each, into a copy of provider_callbacks from 20 raw clients.
//
// Settings (flag or BENCH_<NAME> env):
//   --identifications n  pending identifications measured (5000)   --duplicates f  duplicate share (0.2)
//   --senders n          concurrent HTTP senders (20)               --clients n     baseline pg clients (20)
//   --warmup n           identifications processed before measuring, each side (200)
//   --timeout s          longest wait for processing to finish (300)
//   --sample-ms ms       pg_stat_activity sampling interval during processing (20; 0 = off)
//   --seed n             order and duplicate choice (random; printed and recorded)
//   --order baseline,system (the default) or system,baseline   --out path   result file
//   --quiet-wait s       before each measured phase, wait up to s seconds for other load on the machine
//                        to drop under 0.3 CPUs (60; 0 = don't wait); what was found is recorded
//   --cpu-prof           run the app with --cpu-prof and print where its CPU went (writes *.cpu-prof.json)
//   --probe              diagnostic: preload app-probe.mjs into the app (event-loop delay, pool checkout
//                        wait, query round trips, time inside transactions); writes *.probe.json
//   --pg-set k=v[,k=v]   diagnostic: ALTER DATABASE <bench db> SET k = v before the app connects
//                        (e.g. synchronous_commit=off); the result file gets a .pg-set suffix
//   --strict             exit 1 when a target is missed
// DATABASE_URL: the PostgreSQL server the throw-away database is created on (default
// postgresql://root@127.0.0.1:5432/postgres; the role needs CREATEDB). DB_POOL_SIZE: the app's pool (10).
import { randomBytes, createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { idnowResult, startIdnowStandIn } from './idnow-stand-in.mjs';
import { ackBreakdown, callbackTimeline, processingBreakdown } from './analysis.mjs';
import { summariseCpuProfile } from './cpu-profile.mjs';
import { describeMachine, gitState, packageVersion, runMain, waitForQuiet } from '../lib/harness.mjs';
import {
  checkpoint,
  cleanupStack,
  cpuDelta,
  cpuSample,
  createDatabase,
  DEFAULT_DATABASE_URL,
  dropDatabase,
  flag,
  freePort,
  latencySummary,
  numberSetting,
  round,
  seededRandom,
  setting,
  shuffle,
  startServer,
  table,
  waitForOk,
  withClient,
} from './support.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js');
const APP_PROBE = resolve(ROOT, 'bench/callback-intake/app-probe.mjs');

/** The issue's targets. */
const TARGET = { min_results_per_second: 500, max_ack_p99_ms: 50 };
const DEFAULT_IDENTIFICATIONS = 5000;
const COMPANY_ID = 'kycdesk';
const GO_URL = 'https://go.test.idnow.de';
const PARTNER = { measured: 'bench-callbacks', warmup: 'bench-callbacks-warmup' };
const MOBILE = '+49301234567';

const settings = {
  identifications: numberSetting('identifications', DEFAULT_IDENTIFICATIONS),
  duplicates: numberSetting('duplicates', 0.2),
  senders: numberSetting('senders', 20),
  clients: numberSetting('clients', 20),
  warmup: numberSetting('warmup', 200),
  timeoutS: numberSetting('timeout', 300),
  sampleMs: numberSetting('sample-ms', 20),
  seed: numberSetting('seed', Math.floor(Math.random() * 2 ** 31)),
  order: setting('order', 'baseline,system')
    .split(',')
    .map((s) => s.trim()),
  quietWaitS: numberSetting('quiet-wait', 60),
  cpuProf: flag('cpu-prof'),
  probe: flag('probe'),
  pgSet: setting('pg-set', '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=')),
  strict: flag('strict'),
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  poolSize: Number(process.env.DB_POOL_SIZE || 10),
};
function usage(msg) {
  process.stderr.write(`bench/callback-intake: ${msg} (the settings are listed at the top of run.mjs)\n`);
  process.exit(2);
}
if (!(settings.identifications >= 1) || !Number.isInteger(settings.identifications))
  usage('--identifications must be a positive integer');
if (settings.duplicates > 1) usage('--duplicates must be a share between 0 and 1');
if (!(settings.senders >= 1) || !(settings.clients >= 1)) usage('--senders and --clients must be positive');
const { order } = settings;
if (order.length !== 2 || !order.includes('system') || !order.includes('baseline')) {
  usage('--order must be baseline,system or system,baseline');
}
if (
  settings.pgSet.some((kv) => kv.length !== 2 || !/^[a-z_]+$/.test(kv[0]) || !/^[A-Za-z0-9_.]+$/.test(kv[1]))
)
  usage('--pg-set takes name=value pairs, e.g. synchronous_commit=off');
const quick = settings.identifications < DEFAULT_IDENTIFICATIONS;
const suffix = [
  settings.cpuProf ? '.cpu-prof' : '',
  settings.probe ? '.probe' : '',
  settings.poolSize !== 10 ? `.pool${settings.poolSize}` : '',
  settings.pgSet.length ? '.pg-set' : '',
  quick ? '.quick' : '',
].join('');
settings.out = resolve(ROOT, setting('out', `bench/results/callback-intake${suffix}.json`));

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const cleanup = cleanupStack();

const hex = (bytes) => randomBytes(bytes).toString('hex');
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Ids as the app makes them (32 hex + suffix), a reference like IDnow's ident ids, a result body. */
function makeIdentifications(n) {
  return Array.from({ length: n }, () => {
    const id = `${hex(16)}cidt`;
    const reference = `TST-${hex(3).toUpperCase().slice(0, 5)}`;
    const body = JSON.stringify(idnowResult(id, 'SUCCESS', undefined, { reference, mobile: MOBILE }));
    return { id, personId: `${hex(16)}cper`, reference, body };
  });
}

/**
 * The app's state just after the partner requested each identification at IDnow: a person, and an
 * identification in status `pending` with IDnow's reference and url. Three set-based INSERTs.
 */
async function insertPending(client, partnerId, rows) {
  await client.query(`INSERT INTO partners (id, name) VALUES ($1, $2)`, [
    partnerId,
    `Benchmark ${partnerId}`,
  ]);
  await client.query(
    `INSERT INTO persons (id, partner_id, salutation, first_name, last_name, address_line_1, address_line_2,
                          address_postal_code, address_city, address_country, mobile_number, birth_date,
                          birth_city, nationality, terms_conditions_signed_at, data_terms_signed_at)
     SELECT p, $2, 'MS', 'Jane', 'Doe', 'Amrumerstrasse', '14', '13353', 'Berlin', 'DE', $3, '1992-12-11',
            'Berlin', 'DE', '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'
       FROM unnest($1::text[]) AS p`,
    [rows.map((r) => r.personId), partnerId, MOBILE],
  );
  await client.query(
    `INSERT INTO identifications (id, partner_id, person_id, method, status, reference, url, url_expires_at,
                                  requested_at)
     SELECT t.id, $4, t.person_id, 'idnow', 'pending', t.reference,
            $5 || t.id, now() + interval '14 days', now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, person_id, reference)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.personId),
      rows.map((r) => r.reference),
      partnerId,
      `${GO_URL}/${COMPANY_ID}/identifications/`,
    ],
  );
}

/** Run `work(item)` over `items` with `concurrency` workers pulling from one queue. */
async function pool(items, concurrency, work) {
  let next = 0;
  const worker = async (w) => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], w);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, (_, w) => worker(w)));
}

/** One POST over the keep-alive agent; resolves with status, body and latency (request start to body end). */
function post(agent, port, path, body) {
  return new Promise((resolveReq, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolveReq({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - start,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Send every body; answers each POST's latency and its wall-clock send and answer times, and fails on
 * any answer but 200 {"status":"received"}.
 */
async function sendCallbacks(agent, port, bodies, senders) {
  const latencies = new Float64Array(bodies.length);
  const wall = new Float64Array(bodies.length * 2);
  let firstFailure = null;
  let failures = 0;
  let i = 0;
  await pool(
    bodies.map((b) => ({ b, n: i++ })),
    senders,
    async ({ b, n }) => {
      const sent = performance.timeOrigin + performance.now();
      const r = await post(agent, port, '/providers/idnow/callback', b);
      latencies[n] = r.ms;
      wall[2 * n] = sent;
      wall[2 * n + 1] = sent + r.ms;
      if (r.status !== 200 || r.body !== '{"status":"received"}') {
        failures++;
        firstFailure ??= `HTTP ${r.status} ${r.body.slice(0, 300)}`;
      }
    },
  );
  if (failures) throw new Error(`${failures} callbacks were not acknowledged; first: ${firstFailure}`);
  return { latencies: Array.from(latencies), wall };
}

const successfulCount = async (c, partnerId) =>
  (
    await c.query(
      `SELECT count(*)::int AS n FROM identifications WHERE status = 'successful' AND partner_id = $1`,
      [partnerId],
    )
  ).rows[0].n;

/** Poll every `everyMs` until `n` identifications of the partner are successful; answers when it saw it. */
async function waitForSuccessful(c, partnerId, n, everyMs, timeoutMs, onPoll) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const at = performance.now();
    const done = await successfulCount(c, partnerId);
    onPoll?.(at, done);
    if (done >= n) return at;
    if (performance.now() > deadline) {
      const { rows } = await c.query(
        `SELECT count(*) FILTER (WHERE processed_at IS NULL)::int AS unprocessed,
                count(*) FILTER (WHERE last_error IS NOT NULL)::int AS errored,
                min(last_error) AS an_error
           FROM provider_callbacks`,
      );
      throw new Error(
        `only ${done} of ${n} identifications successful after ${timeoutMs / 1000} s: ${JSON.stringify(rows[0])}`,
      );
    }
    await sleep(everyMs);
  }
}

/** Samples what the app's database connections are doing (pg_stat_activity), until stopped. */
function startActivitySampler(client, dbName, everyMs) {
  const counts = new Map();
  let samples = 0;
  let stopped = false;
  let failed = null;
  const loop = (async () => {
    while (!stopped) {
      let rows;
      try {
        ({ rows } = await client.query(
          `SELECT state, coalesce(wait_event_type, '-') AS wtype, coalesce(wait_event, '-') AS wevent,
                left(query, 60) AS q
           FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            AND application_name NOT LIKE 'bench-%'`,
          [dbName],
        ));
      } catch (e) {
        failed = e instanceof Error ? e.message : String(e);
        return; // the run is failing or ending; the caller sees `failed`
      }
      samples++;
      for (const r of rows) {
        const what =
          r.state === 'active'
            ? `active ${r.wtype === '-' ? 'on CPU' : `waiting ${r.wtype}:${r.wevent}`}`
            : r.state === 'idle in transaction'
              ? 'idle in transaction (waiting for the app)'
              : 'idle (free in the pool)';
        counts.set(what, (counts.get(what) ?? 0) + 1);
        if (r.state === 'active') {
          const stmt = `active: ${r.q.replace(/\s+/g, ' ').trim().slice(0, 40)}`;
          counts.set(stmt, (counts.get(stmt) ?? 0) + 1);
        }
      }
      if (everyMs) await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      if (failed) throw new Error(`pg_stat_activity sampling failed: ${failed}`);
      const sorted = [...counts].sort((a, b) => b[1] - a[1]);
      return {
        samples,
        interval_ms: everyMs,
        // Average number of the app's connections in each state over the samples.
        connections_by_state: Object.fromEntries(
          sorted.filter(([k]) => !k.startsWith('active:')).map(([k, v]) => [k, round(v / samples, 2)]),
        ),
        active_by_statement: Object.fromEntries(
          sorted
            .filter(([k]) => k.startsWith('active:'))
            .slice(0, 8)
            .map(([k, v]) => [k.slice(8), round(v / samples, 2)]),
        ),
      };
    },
  };
}

const dbStats = async (c, dbName) => {
  const { rows } = await c.query(
    `SELECT xact_commit::bigint AS commits, xact_rollback::bigint AS rollbacks, tup_inserted::bigint AS inserted,
            tup_updated::bigint AS updated, blks_read::bigint AS blocks_read
       FROM pg_stat_database WHERE datname = $1`,
    [dbName],
  );
  let wal = null;
  try {
    wal = (await c.query(`SELECT wal_records::bigint, wal_bytes::bigint, wal_sync::bigint FROM pg_stat_wal`))
      .rows[0];
  } catch {
    // PostgreSQL < 14
  }
  return { ...rows[0], ...wal };
};
const statsDelta = (a, b, units) =>
  Object.fromEntries(
    Object.keys(b)
      .filter((k) => b[k] !== null && a[k] !== null)
      .map((k) => [`${k}_per_unit`, round((Number(b[k]) - Number(a[k])) / units, 2)]),
  );

/** Ask the app's probe (--probe) for what it measured since the last ask; it starts over. */
async function probeDump(app, file) {
  const read = () => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return null;
    }
  };
  const seq = read()?.seq ?? 0;
  process.kill(app.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(50);
    const got = read();
    if (got && got.seq > seq) return got;
  }
  throw new Error('the app probe did not answer');
}

// ---------------------------------------------------------------------------------------------------

async function runBaseline(ctx) {
  const { dbUrl, dbName, measuredBodies, warmupRows } = ctx;
  const monitor = ctx.monitor;
  await monitor.query(`CREATE TABLE provider_callbacks_baseline (LIKE provider_callbacks INCLUDING ALL)`);
  const clients = [];
  cleanup.add(() => Promise.all(clients.map((c) => c.end().catch(() => undefined))));
  for (let i = 0; i < settings.clients; i++) {
    const c = new pg.Client({ connectionString: dbUrl, application_name: `bench-baseline-${i}` });
    await c.connect();
    clients.push(c);
  }
  // The same statement the app's CallbackIntakeRepository.store() sends, with the same parameters.
  const INSERT = `INSERT INTO provider_callbacks_baseline (provider, transaction_number, body, body_sha256, source_ip)
                  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (provider, body_sha256) DO NOTHING RETURNING id`;
  const insert = async (client, body) => {
    const txn = JSON.parse(body).identificationprocess.transactionnumber;
    return client.query(INSERT, ['idnow', txn, body, sha256(body), '127.0.0.1']);
  };
  if (warmupRows.length) {
    log(`baseline: warm-up ${warmupRows.length} inserts`);
    await pool(warmupRows, settings.clients, (r, w) => insert(clients[w], r.body));
  }
  await checkpoint(settings.databaseUrl);
  const quiet = await waitForQuiet('baseline', settings.quietWaitS, log);
  log(`baseline: ${measuredBodies.length} inserts from ${settings.clients} clients`);
  const latencies = new Float64Array(measuredBodies.length);
  let inserted = 0;
  const cpuBefore = cpuSample(null, dbName);
  const statsBefore = await dbStats(monitor, dbName);
  const started = performance.now();
  let k = 0;
  await pool(
    measuredBodies.map((b) => ({ b, n: k++ })),
    settings.clients,
    async ({ b, n }, w) => {
      const t = performance.now();
      const r = await insert(clients[w], b);
      latencies[n] = performance.now() - t;
      inserted += r.rowCount;
    },
  );
  const wallMs = performance.now() - started;
  const cpu = cpuDelta(cpuBefore, cpuSample(null, dbName), measuredBodies.length);
  const stats = statsDelta(statsBefore, await dbStats(monitor, dbName), measuredBodies.length);
  await Promise.all(clients.splice(0).map((c) => c.end()));
  const stored = (await monitor.query(`SELECT count(*)::int AS n FROM provider_callbacks_baseline`)).rows[0]
    .n;
  const expected = ctx.measured.length + warmupRows.length;
  if (stored !== expected) throw new Error(`baseline: ${stored} rows stored, expected ${expected}`);
  return {
    machine_before: quiet,
    statements: measuredBodies.length,
    rows_inserted: inserted,
    duplicates_ignored: measuredBodies.length - inserted,
    wall_s: round(wallMs / 1000, 3),
    rows_per_second: round(measuredBodies.length / (wallMs / 1000)),
    inserted_rows_per_second: round(inserted / (wallMs / 1000)),
    insert_latency_ms: latencySummary(latencies),
    cpu_per_statement: cpu,
    postgres_per_statement: stats,
  };
}

async function runSystem(ctx) {
  const { port, dbName, measuredBodies, warmupRows, standIn, monitor, app } = ctx;
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.senders });
  cleanup.add(() => agent.destroy());

  if (warmupRows.length) {
    log(`system: warm-up ${warmupRows.length} callbacks`);
    await sendCallbacks(
      agent,
      port,
      warmupRows.map((r) => r.body),
      settings.senders,
    );
    await waitForSuccessful(monitor, PARTNER.warmup, warmupRows.length, 50, settings.timeoutS * 1000);
  }
  await checkpoint(settings.databaseUrl);
  const quiet = await waitForQuiet('system', settings.quietWaitS, log);
  if (ctx.probeFile) await probeDump(app, ctx.probeFile); // starts the probe's measurement afresh

  const n = ctx.measured.length;
  log(
    `system: ${measuredBodies.length} callbacks (${n} + ${measuredBodies.length - n} duplicates), ${settings.senders} senders`,
  );
  const sampler = settings.sampleMs > 0 ? startActivitySampler(ctx.sampler, dbName, settings.sampleMs) : null;
  const readsBefore = standIn.stats.result_reads;
  const loginsBefore = standIn.stats.logins;
  const socketsBefore = standIn.stats.sockets;
  const statsBefore = await dbStats(monitor, dbName);
  const cpuBefore = cpuSample(app.pid, dbName);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const timeline = [];

  const t0 = performance.now();
  let ackedAt = null;
  const monoStart = process.hrtime.bigint();
  const sending = sendCallbacks(agent, port, measuredBodies, settings.senders).then((l) => {
    ackedAt = performance.now();
    loop.disable();
    return l;
  });
  // Poll on a connection of its own while the senders run; fail fast if sending fails.
  const doneAt = await Promise.race([
    waitForSuccessful(monitor, PARTNER.measured, n, 50, settings.timeoutS * 1000, (at, done) =>
      timeline.push([round(at - t0), done]),
    ),
    sending.then(() => new Promise(() => undefined)),
  ]);
  const monoEnd = process.hrtime.bigint();
  const { latencies, wall } = await sending;
  const cpuAfter = cpuSample(app.pid, dbName);
  const statsAfter = await dbStats(monitor, dbName);
  const activity = sampler ? await sampler.stop() : null;
  const probe = ctx.probeFile ? await probeDump(app, ctx.probeFile) : null;

  const e2eS = (doneAt - t0) / 1000;
  const ackS = (ackedAt - t0) / 1000;
  // The same interval from the database's own clock: first measured callback stored -> last applied.
  const { rows: dbTimes } = await monitor.query(
    `SELECT extract(epoch FROM (SELECT max(updated_at) FROM identifications WHERE partner_id = $1)
                              - (SELECT min(c.received_at) FROM provider_callbacks c
                                   JOIN identifications i ON i.id = c.transaction_number
                                  WHERE i.partner_id = $1))::float8 AS s`,
    [PARTNER.measured],
  );
  const { rows: queue } = await monitor.query(
    `SELECT extract(epoch FROM processed_at - received_at)::float8 * 1000 AS ms
       FROM provider_callbacks c JOIN identifications i ON i.id = c.transaction_number
      WHERE i.partner_id = $1`,
    [PARTNER.measured],
  );
  // Where the time went: the database's timestamps, the stand-in's reads and the senders' times.
  const steps = await callbackTimeline(monitor, PARTNER.measured);
  const sends = new Map();
  measuredBodies.forEach((b, i) => {
    const txn = JSON.parse(b).identificationprocess.transactionnumber;
    sends.set(txn, [...(sends.get(txn) ?? []), [wall[2 * i], wall[2 * i + 1]]]);
  });
  ctx.profileWindowUs = [Number(monoStart / 1000n), Number(monoEnd / 1000n)];
  const cpu = cpuDelta(cpuBefore, cpuAfter, n);
  return {
    machine_before: quiet,
    callbacks_sent: measuredBodies.length,
    identifications: n,
    ack_latency_ms: latencySummary(latencies),
    ack_phase_s: round(ackS, 3),
    acks_per_second: round(measuredBodies.length / ackS),
    end_to_end_s: round(e2eS, 3),
    results_per_second: round(n / e2eS),
    end_to_end_db_clock_s: round(dbTimes[0].s, 3),
    processed_when_acks_done: timeline.findLast(([at]) => at <= ackS * 1000)?.[1] ?? 0,
    // Callback stored -> processed (processed_at - received_at), per stored callback.
    callback_queue_ms: latencySummary(queue.map((r) => r.ms)),
    provider_pulls: standIn.stats.result_reads - readsBefore,
    provider_logins: standIn.stats.logins - loginsBefore,
    provider_connections_opened: standIn.stats.sockets - socketsBefore,
    bench_event_loop_delay_ms: {
      p50: round(loop.percentile(50) / 1e6),
      p99: round(loop.percentile(99) / 1e6),
      max: round(loop.max / 1e6),
    },
    ack_breakdown: ackBreakdown(steps, sends),
    processing_breakdown: processingBreakdown(steps, standIn.reads),
    cpu_per_result: cpu,
    // What the CPU cost per result allows at best on this machine, other load or not: the app's one
    // JavaScript thread, and all CPUs shared by the app, PostgreSQL and the load generator.
    cpu_ceiling_results_per_second: cpu
      ? {
          app_thread: round(1000 / cpu.app_ms_per_unit),
          whole_machine: round(
            (os.cpus().length * 1000) /
              (cpu.app_ms_per_unit + cpu.postgres_ms_per_unit + cpu.bench_process_ms_per_unit),
          ),
        }
      : null,
    ...(probe ? { app_probe: probe } : {}),
    postgres_per_result: statsDelta(statsBefore, statsAfter, n),
    app_connections: activity,
    progress: thin(timeline, 40),
  };
}

/** At most `max` evenly spread points of the progress timeline (ms since the first send, successful). */
function thin(points, max) {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}

async function checkCorrectness(c, n, duplicates, warmup) {
  const one = async (sql, params = [PARTNER.measured]) => (await c.query(sql, params)).rows[0];
  const statuses = (
    await c.query(`SELECT status, count(*)::int AS n FROM identifications WHERE partner_id = $1 GROUP BY 1`, [
      PARTNER.measured,
    ])
  ).rows;
  const events = await one(
    `SELECT count(*)::int AS total, count(DISTINCT e.identification_id)::int AS identifications,
            count(*) FILTER (WHERE e.kind = 'transition' AND e.from_status = 'pending' AND e.to_status = 'successful'
                             AND e.actor = 'provider' AND e.actor_id = 'idnow' AND e.provider_result_id IS NOT NULL)::int AS provider_transitions
       FROM identification_events e JOIN identifications i ON i.id = e.identification_id WHERE i.partner_id = $1`,
  );
  const results = await one(
    `SELECT count(*)::int AS total, count(DISTINCT r.identification_id)::int AS identifications
       FROM provider_results r JOIN identifications i ON i.id = r.identification_id WHERE i.partner_id = $1`,
  );
  const domain = await one(
    `SELECT count(*)::int AS total, count(DISTINCT entity_id)::int AS identifications
       FROM domain_events WHERE partner_id = $1 AND event_type = 'IDENTIFICATION'`,
  );
  const callbacks = await one(
    `SELECT count(*)::int AS stored, count(*) FILTER (WHERE c.processed_at IS NULL)::int AS unprocessed,
            count(*) FILTER (WHERE c.outcome = 'transitioned')::int AS transitioned,
            count(*) FILTER (WHERE c.attempts > 1)::int AS retried,
            count(*) FILTER (WHERE c.last_error IS NOT NULL)::int AS errored
       FROM provider_callbacks c JOIN identifications i ON i.id = c.transaction_number WHERE i.partner_id = $1`,
  );
  const unprocessedAll = await one(
    `SELECT count(*)::int AS n FROM provider_callbacks WHERE processed_at IS NULL`,
    [],
  );
  const personChanges = await one(
    `SELECT count(*)::int AS n FROM person_data_changes d JOIN persons p ON p.id = d.person_id WHERE p.partner_id = $1`,
  );
  const flagged = await one(
    `SELECT count(*) FILTER (WHERE flagged)::int AS n FROM identifications WHERE partner_id = $1`,
  );
  const successful = statuses.find((s) => s.status === 'successful')?.n ?? 0;
  const checks = {
    every_identification_successful: successful === n && statuses.length === 1,
    one_provider_transition_event_each:
      events.total === n && events.identifications === n && events.provider_transitions === n,
    one_provider_result_each: results.total === n && results.identifications === n,
    one_domain_event_each: domain.total === n && domain.identifications === n,
    duplicates_stored_once: callbacks.stored === n,
    no_unprocessed_callbacks: callbacks.unprocessed === 0 && unprocessedAll.n === 0,
    every_callback_transitioned: callbacks.transitioned === n,
  };
  return {
    ok: Object.values(checks).every(Boolean),
    checks,
    detail: {
      statuses: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
      identification_events: events,
      provider_results: results,
      domain_events: domain,
      provider_callbacks: {
        ...callbacks,
        duplicates_sent: duplicates,
        unprocessed_in_database: unprocessedAll.n,
      },
      warmup_identifications: warmup,
      person_data_changes: personChanges.n,
      flagged_identifications: flagged.n,
    },
  };
}

/** The reconstructed time split, for the console. */
function breakdownLines(system) {
  const lines = [];
  const pr = system.app_probe;
  if (pr) {
    const f = (h) => `mean ${h.mean_ms} / p50 ${h.p50_ms} / p99 ${h.p99_ms} ms (n ${h.count})`;
    lines.push(
      `app probe: event-loop delay p50 ${pr.event_loop_delay_ms.p50} / p99 ${pr.event_loop_delay_ms.p99} / max ${pr.event_loop_delay_ms.max} ms; ` +
        `pool checkout wait ${f(pr.pool_checkout_wait)}`,
      `app probe: transactions ${f(pr.transaction_wall)}; of which query round trips ${f(pr.transaction_in_queries)}; ` +
        `outside queries ${f(pr.transaction_outside_queries)}`,
    );
    for (const [k, h] of Object.entries(pr.query_round_trip_by_statement).slice(0, 12)) {
      lines.push(
        `  ${String(h.count).padStart(6)} x ${String(h.mean_ms).padStart(7)} ms mean, p99 ${String(h.p99_ms).padStart(7)}  ${k}`,
      );
    }
  }
  const ack = system.ack_breakdown;
  if (ack) {
    lines.push(
      `ack split at the INSERT (${ack.callbacks} callbacks): send -> INSERT begins p50 ${ack.send_to_insert_begin_ms.p50} / ` +
        `p99 ${ack.send_to_insert_begin_ms.p99} ms; INSERT begins -> answer p50 ${ack.insert_begin_to_answer_ms.p50} / ` +
        `p99 ${ack.insert_begin_to_answer_ms.p99} ms`,
    );
  }
  const p = system.processing_breakdown;
  if (p?.valid) {
    const c = p.critical_path_ms;
    lines.push(
      `processing: ${p.batches} batches of ${p.mean_batch_size}, ${p.mean_batch_ms} ms each + ${p.mean_gap_between_batches_ms} ms ` +
        `to the next claim (=> ${p.implied_results_per_second} results/s); critical path per batch: claim -> GET sent ` +
        `${c.claim_to_get_sent} ms, at provider ${c.get_at_provider} ms, answered -> apply BEGIN ${c.answered_to_apply_begin} ms, ` +
        `BEGIN -> processed ${c.apply_begin_to_processed} ms`,
    );
    const pc = p.per_callback_ms;
    lines.push(
      `per callback p50/p99 ms: claim -> GET sent ${pc.claimed_to_get_sent.p50}/${pc.claimed_to_get_sent.p99}, ` +
        `answered -> apply BEGIN ${pc.answered_to_apply_begin.p50}/${pc.answered_to_apply_begin.p99}, ` +
        `BEGIN -> processed ${pc.apply_begin_to_processed.p50}/${pc.apply_begin_to_processed.p99}`,
    );
  } else if (p) {
    lines.push(`processing breakdown unavailable: ${p.note}`);
  }
  return lines;
}

async function main() {
  if (!existsSync(APP_MAIN))
    throw new Error(`${relative(ROOT, APP_MAIN)} is missing: run \`npm run build\` first`);
  const { machine, pgVersion } = await describeMachine(settings.databaseUrl, log);
  log(`seed ${settings.seed}`);

  const standIn = await startIdnowStandIn(COMPANY_ID);
  cleanup.add(() => standIn.stop());

  const dbName = `kyc_bench_cb_${process.pid}`;
  const dbUrl = await createDatabase(settings.databaseUrl, dbName);
  cleanup.add(() => dropDatabase(settings.databaseUrl, dbName));
  for (const [k, v] of settings.pgSet) {
    await withClient(settings.databaseUrl, (c) => c.query(`ALTER DATABASE ${dbName} SET ${k} = '${v}'`));
    log(`diagnostic: ALTER DATABASE ${dbName} SET ${k} = '${v}'`);
  }

  const port = await freePort();
  let probeFile = null;
  if (settings.probe) {
    const dir = mkdtempSync(join(os.tmpdir(), 'kyc-bench-cb-probe-'));
    cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
    probeFile = join(dir, 'probe.json');
  }
  let profDir = null;
  if (settings.cpuProf) {
    profDir = mkdtempSync(join(os.tmpdir(), 'kyc-bench-cb-prof-'));
    cleanup.add(() => rmSync(profDir, { recursive: true, force: true }));
  }
  const app = startServer(
    'app',
    [
      ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
      ...(probeFile ? ['--import', pathToFileURL(APP_PROBE).href] : []),
      APP_MAIN,
    ],
    {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      APP_ENV: 'sandbox',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      DB_POOL_SIZE: String(settings.poolSize),
      IDNOW_BASE_URL: standIn.url,
      IDNOW_GO_URL: GO_URL,
      IDNOW_COMPANY_ID: COMPANY_ID,
      SANDBOX_TICK_MS: '0',
      ...(probeFile ? { BENCH_PROBE_FILE: probeFile } : {}),
    },
  );
  cleanup.add(() => app.stop());
  // The app runs its migrations before it listens: /health answering means the schema is there.
  await waitForOk(app, `http://127.0.0.1:${port}/health`);
  log(`app up on port ${port} (pid ${app.pid}), IDnow stand-in at ${standIn.url}`);

  const monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  cleanup.add(() => monitor.end().catch(() => undefined));
  const samplerClient = new pg.Client({ connectionString: dbUrl, application_name: 'bench-sampler' });
  await samplerClient.connect();
  cleanup.add(() => samplerClient.end().catch(() => undefined));

  // Prepare: pending identifications straight into the database (set-based SQL), results at the stand-in.
  const measured = makeIdentifications(settings.identifications);
  const warmupRows = makeIdentifications(settings.warmup);
  const prepStart = performance.now();
  await monitor.query('BEGIN');
  await insertPending(monitor, PARTNER.measured, measured);
  if (warmupRows.length) await insertPending(monitor, PARTNER.warmup, warmupRows);
  await monitor.query('COMMIT');
  await monitor.query('ANALYZE partners, persons, identifications');
  const prepMs = performance.now() - prepStart;
  for (const r of [...measured, ...warmupRows]) standIn.results.set(r.id, r.body);
  log(
    `prepared ${measured.length} + ${warmupRows.length} (warm-up) pending identifications in ${round(prepMs)} ms`,
  );

  // The callbacks: every identification once, a share of them twice (the identical body), shuffled.
  const random = seededRandom(settings.seed);
  const dupCount = Math.round(measured.length * settings.duplicates);
  const dups = shuffle([...measured], random).slice(0, dupCount);
  const measuredBodies = shuffle(
    [...measured, ...dups].map((r) => r.body),
    random,
  );

  const ctx = {
    probeFile,
    port,
    dbUrl,
    dbName,
    measured,
    measuredBodies,
    warmupRows,
    standIn,
    monitor,
    sampler: samplerClient,
    app,
  };
  const results = {};
  for (const side of order) {
    results[side] = side === 'system' ? await runSystem(ctx) : await runBaseline(ctx);
    await checkpoint(settings.databaseUrl);
    await sleep(500);
  }
  const correctness = await checkCorrectness(monitor, measured.length, dupCount, warmupRows.length);

  let cpuProfile = null;
  if (profDir) {
    await app.stop();
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file)
      cpuProfile = summariseCpuProfile(
        JSON.parse(readFileSync(join(profDir, file), 'utf8')),
        ROOT,
        ctx.profileWindowUs,
      );
  }

  const { system, baseline } = results;
  const ratios = {
    ack_p99_over_insert_p99: round(system.ack_latency_ms.p99 / baseline.insert_latency_ms.p99, 2),
    results_per_second_over_insert_rows_per_second: round(
      system.results_per_second / baseline.rows_per_second,
      3,
    ),
    acks_per_second_over_insert_rows_per_second: round(system.acks_per_second / baseline.rows_per_second, 3),
  };
  const pass = {
    results_per_second: system.results_per_second >= TARGET.min_results_per_second,
    ack_p99: system.ack_latency_ms.p99 < TARGET.max_ack_p99_ms,
  };
  const passed = pass.results_per_second && pass.ack_p99 && correctness.ok;

  const version = (file) => packageVersion(ROOT, file);
  const report = {
    benchmark: 'callback-intake',
    date: new Date().toISOString(),
    app_version: version('package.json'),
    git: gitState(ROOT),
    machine,
    settings: {
      endpoint: 'POST /providers/idnow/callback',
      identifications: measured.length,
      duplicate_share: settings.duplicates,
      callbacks_sent: measuredBodies.length,
      senders: settings.senders,
      sender_transport: `node:http keep-alive Agent, maxSockets ${settings.senders}`,
      baseline_clients: settings.clients,
      warmup_identifications: warmupRows.length,
      seed: settings.seed,
      order,
      app_env: 'sandbox',
      log_level: 'warn',
      db_pool_size: settings.poolSize,
      completion_poll_ms: 50,
      activity_sample_ms: settings.sampleMs,
      cpu_profiled: settings.cpuProf,
      app_probe: settings.probe,
      quiet_wait_s: settings.quietWaitS,
      pg_set: Object.fromEntries(settings.pgSet),
      pg_version: version('node_modules/pg/package.json'),
      fastify_version: version('node_modules/fastify/package.json'),
    },
    preparation: {
      method:
        'direct SQL in one transaction on a database the app had migrated (waited for /health): one partner row, ' +
        'then INSERT ... SELECT FROM unnest($ids) for persons (same mobile number as the result, so no person ' +
        "change) and identifications (status 'pending', method 'idnow', reference, url, url_expires_at, " +
        'requested_at: the columns the request step sets); no identification events; then ANALYZE. ' +
        'Warm-up identifications under a second partner.',
      identifications: measured.length,
      warmup_identifications: warmupRows.length,
      took_ms: round(prepMs),
    },
    system,
    baseline,
    ratios,
    correctness,
    target: {
      ...TARGET,
      results_per_second_ok: pass.results_per_second,
      ack_p99_ok: pass.ack_p99,
      correctness_ok: correctness.ok,
      pass: passed,
    },
    ...(cpuProfile ? { app_cpu_profile: cpuProfile } : {}),
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, JSON.stringify(report, null, 2) + '\n');

  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const a = system.ack_latency_ms;
  const b = baseline.insert_latency_ms;
  const cpu = system.cpu_per_result;
  const bcpu = baseline.cpu_per_statement;
  process.stdout.write(
    [
      '',
      `callback-intake: ${measured.length} pending identifications, ${measuredBodies.length} callbacks (${dupCount} duplicates), ` +
        `${settings.senders} senders / ${settings.clients} baseline clients, seed ${settings.seed}`,
      `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB RAM, Node ${machine.node_version}`,
      pgVersion,
      `prepared by direct SQL in ${round(prepMs)} ms`,
      '',
      table([
        ['', 'rate /s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'wall s'],
        [
          'system: callback ack (POST)',
          system.acks_per_second,
          a.p50,
          a.p95,
          a.p99,
          a.max,
          system.ack_phase_s,
        ],
        ['system: processed results', system.results_per_second, '', '', '', '', system.end_to_end_s],
        ['baseline: bare INSERT', baseline.rows_per_second, b.p50, b.p95, b.p99, b.max, baseline.wall_s],
      ]),
      '',
      `ack p99 / bare insert p99:            ${ratios.ack_p99_over_insert_p99}`,
      `results/s / bare insert rows/s:       ${ratios.results_per_second_over_insert_rows_per_second}`,
      `acks/s / bare insert rows/s:          ${ratios.acks_per_second_over_insert_rows_per_second}`,
      `callback stored -> processed:         p50 ${system.callback_queue_ms.p50} ms, p99 ${system.callback_queue_ms.p99} ms`,
      `processed when the last ack returned: ${system.processed_when_acks_done} of ${measured.length}`,
      cpu
        ? `CPU per result: app ${cpu.app_ms_per_unit} ms, PostgreSQL ${cpu.postgres_ms_per_unit} ms, bench+stand-in ${cpu.bench_process_ms_per_unit} ms; ` +
          `CPUs busy: app ${cpu.app_cpus_used}, PG ${cpu.postgres_cpus_used}, bench ${cpu.bench_process_cpus_used}, other ${cpu.other_cpus_busy} of ${machine.cpu_count}`
        : '',
      system.cpu_ceiling_results_per_second
        ? `CPU-bound ceiling from CPU per result: app thread ${system.cpu_ceiling_results_per_second.app_thread} results/s, ` +
          `whole machine ${system.cpu_ceiling_results_per_second.whole_machine} results/s`
        : '',
      bcpu
        ? `CPU per bare insert: PostgreSQL ${bcpu.postgres_ms_per_unit} ms, bench ${bcpu.bench_process_ms_per_unit} ms`
        : '',
      `postgres per result: ${JSON.stringify(system.postgres_per_result)}`,
      system.app_connections
        ? `app DB connections (avg of ${system.app_connections.samples} samples): ${JSON.stringify(system.app_connections.connections_by_state)}`
        : '',
      ...breakdownLines(system),
      `correctness: ${correctness.ok ? 'OK' : 'FAILED'} ${JSON.stringify(correctness.checks)}`,
      '',
      `processing >= ${TARGET.min_results_per_second} results/s: ${system.results_per_second}  ${verdict(pass.results_per_second)}`,
      `ack p99 < ${TARGET.max_ack_p99_ms} ms:              ${a.p99} ms  ${verdict(pass.ack_p99)}`,
      `correctness:                 ${verdict(correctness.ok)}`,
      `target: ${verdict(passed)}`,
      `other load before the measured phases: baseline ${baseline.machine_before.machine_cpus_busy_before} CPUs, ` +
        `system ${system.machine_before.machine_cpus_busy_before} CPUs (busy machine-wide, waited up to ${settings.quietWaitS} s for < 0.3)`,
      ...(cpu && cpu.other_cpus_busy > 0.25
        ? ['warning: other processes kept the CPUs busy during the run; the figures are disturbed']
        : []),
      ...(cpuProfile ? ['', 'app CPU profile (self time):', cpuProfile.text] : []),
      `results: ${relative(ROOT, settings.out)}`,
      '',
    ]
      .filter((l) => l !== null)
      .join('\n'),
  );
  return passed;
}

await runMain('bench/callback-intake', main, { strict: settings.strict, cleanup });
