#!/usr/bin/env node
// bench/webhooks: deliveries per second from the product's webhook relay (the worker process,
// `node dist/apps/worker/src/main.js`, against PostgreSQL) to a local receiver, against a bare relay
// loop (bench/webhooks/baseline-relay.mjs: plain `pg` + node:http) posting the same outbox rows to the
// same receiver with the same batch size and send concurrency. Each side runs on its own fresh
// database, one after the other; --rounds alternates the order and the median ratio decides.
//
//   npm run bench:webhooks                                  # build, then 20,000 events, one round
//   node bench/webhooks/run.mjs --rounds 3                  # after npm run build
//   node bench/webhooks/run.mjs --events 5000 --warmup 500  # quick run (writes *.quick.json)
//
// Settings (flag or BENCH_<NAME> env):
//   --events n      outbox events measured per side (20000)     --entities n   entities they belong to (2000)
//   --warmup n      events delivered before measuring, each side (1000)
//   --tick-ms ms    the relay's WEBHOOK_TICK_MS, and the baseline's sleep when nothing is pending (100)
//   --rounds n      measure both sides n times (1), alternating which goes first; median ratio decides
//   --order baseline,system (the default) or system,baseline
//   --timeout s     longest wait for one phase's deliveries (300)   --out path   result file
//   --quiet-wait s  before each measured phase, wait up to s seconds for other load on the machine to
//                   drop under 0.3 CPUs (60; 0 = don't wait); what was found is recorded
//   --strict        exit 1 when the target is missed (or a correctness check fails)
//   --verbose       print what each side's process wrote (its last 64 KiB) after the side
// DATABASE_URL: the PostgreSQL server the throw-away databases are created on (default
// postgresql://root@127.0.0.1:5432/postgres; the role needs CREATEDB). DB_POOL_SIZE: the worker's pool (10).
import { execFile } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  checkpoint,
  cleanupStack,
  cpuDelta,
  cpuSample,
  createDatabase,
  DEFAULT_DATABASE_URL,
  describeMachine,
  dropDatabase,
  freePort,
  gitState,
  median,
  numberSetting,
  otherLoadWarning,
  packageVersion,
  round,
  runMain,
  setting,
  startServer,
  table,
  waitForOk,
  waitForQuiet,
  withClient,
} from '../lib/harness.mjs';

const execFileAsync = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const API_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js');
const API_CLI = resolve(ROOT, 'dist/apps/api/src/cli.js');
const WORKER_MAIN = resolve(ROOT, 'dist/apps/worker/src/main.js');
const RELAY_LIMITS = resolve(ROOT, 'dist/libs/webhooks/src/delivery/relay-limits.js');
const BASELINE = resolve(ROOT, 'bench/webhooks/baseline-relay.mjs');

const TARGET = { min_throughput_ratio: 0.5 };
const DEFAULT_EVENTS = 20_000;
const SANDBOX_CLIENT = { id: 'sandbox-partner', secret: 'sandbox-secret-change-me' };

const settings = {
  events: numberSetting('events', DEFAULT_EVENTS),
  entities: numberSetting('entities', 2000),
  warmup: numberSetting('warmup', 1000),
  tickMs: numberSetting('tick-ms', 100),
  rounds: numberSetting('rounds', 1),
  timeoutS: numberSetting('timeout', 300),
  quietWaitS: numberSetting('quiet-wait', 60),
  order: setting('order', 'baseline,system')
    .split(',')
    .map((s) => s.trim()),
  strict: process.argv.includes('--strict') || process.env.BENCH_STRICT === '1',
  verbose: process.argv.includes('--verbose'),
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  poolSize: Number(process.env.DB_POOL_SIZE || 10),
};
function usage(msg) {
  process.stderr.write(`bench/webhooks: ${msg} (the settings are listed at the top of run.mjs)\n`);
  process.exit(2);
}
const { order } = settings;
if (order.length !== 2 || !order.includes('system') || !order.includes('baseline'))
  usage('--order must be baseline,system or system,baseline');
for (const k of ['events', 'entities', 'rounds'])
  if (!Number.isInteger(settings[k]) || settings[k] < 1) usage(`--${k} must be a whole number from 1`);
if (!Number.isInteger(settings.warmup) || !(settings.tickMs >= 1)) usage('bad --warmup or --tick-ms');
const quick = settings.events < DEFAULT_EVENTS;
settings.out = resolve(ROOT, setting('out', `bench/results/webhooks${quick ? '.quick' : ''}.json`));

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const cleanup = cleanupStack();

// --- the receiver ------------------------------------------------------------------------------------

/**
 * One local HTTP receiver for both sides (in this process): it answers every POST 200 with an empty
 * body once the request has been read, keeps the bytes and headers for the checks made afterwards,
 * and counts distinct webhook ids and TCP connections. Verification pings are answered, not kept.
 */
async function startReceiver() {
  const state = { requests: [], ids: new Set(), connections: 0 };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const h = req.headers;
      if (h['solaris-webhook-event-type'] !== 'WEBHOOK-SUBSCRIPTION') {
        state.requests.push({
          body: Buffer.concat(chunks),
          id: h['solaris-webhook-id'],
          entity: h['solaris-entity-id'],
          attempt: h['solaris-webhook-attempt'],
          signature: h['solaris-webhook-signature'],
        });
        state.ids.add(h['solaris-webhook-id']);
      }
      res.writeHead(200).end();
    });
  });
  server.on('connection', () => state.connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    state: () => state,
    reset() {
      state.requests = [];
      state.ids = new Set();
      state.connections = 0;
    },
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

// --- set-up -------------------------------------------------------------------------------------------

/** Wait until a child server prints a line matching `re` (the worker serves no HTTP to poll). */
async function waitForOutput(server, re, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!re.test(server.output())) {
    if (server.exited()) throw new Error(`${server.label} exited early:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`${server.label} did not start:\n${server.output()}`);
    await sleep(50);
  }
}

/** Subscribe the receiver through the real API: token, POST /v1/webhooks (pinged), then stop the api. */
async function subscribe(env, receiverUrl) {
  const port = await freePort();
  const api = startServer('api', [API_MAIN], { ...env, PORT: String(port), RUN_JOBS_IN_API: 'false' });
  cleanup.add(() => api.stop());
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(api, `${base}/health`);
    const basic = Buffer.from(`${SANDBOX_CLIENT.id}:${SANDBOX_CLIENT.secret}`).toString('base64');
    const tokenRes = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const token = (await tokenRes.json()).access_token;
    if (!token) throw new Error(`token: HTTP ${tokenRes.status}`);
    const res = await fetch(`${base}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event_type: 'IDENTIFICATION', url: receiverUrl }),
    });
    const sub = await res.json();
    if (res.status !== 201) throw new Error(`POST /v1/webhooks: HTTP ${res.status} ${JSON.stringify(sub)}`);
    return sub;
  } finally {
    await api.stop();
  }
}

/**
 * Set-up by SQL, not through the product: `count` IDENTIFICATION outbox rows numbered from `first`, in
 * one INSERT ... SELECT FROM generate_series, each for one of `entities` identifications (picked by a
 * hash of the number, so one entity's events are spread through the outbox), with the body an
 * IDENTIFICATION event has (Solaris) and the event's number in `reference` for the order check. The
 * table is analyzed in the same transaction, as autovacuum would have done by the time a real outbox
 * held that many rows: without statistics the planner takes the outbox for empty, and the baseline's
 * claim then reads and sorts every pending row for each batch. The rows become visible, with their
 * statistics, at COMMIT.
 */
async function loadEvents(client, partnerId, first, count, prefix) {
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO domain_events (event_type, partner_id, entity_id, payload)
     SELECT 'IDENTIFICATION', $1, s.entity, jsonb_build_object(
              'id', s.entity, 'reference', 'BENCH-' || s.g, 'url', 'https://go.test.idnow.de/kycdesk/identifications/' || s.entity,
              'status', (ARRAY['pending', 'pending_successful', 'successful'])[1 + s.g % 3],
              'completed_at', CASE WHEN s.g % 3 = 2 THEN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
              'method', 'idnow', 'person_id', md5($5 || 'person-' || s.e) || 'cper')
       FROM (SELECT g, e, md5($5 || 'entity-' || e) || 'cidt' AS entity
               FROM (SELECT g, (hashint4(g) & 2147483647) % $4 AS e FROM generate_series($2::int, $2::int + $3::int - 1) g) x) s
      ORDER BY s.g`,
    [partnerId, first, count, settings.entities, prefix],
  );
  await client.query('ANALYZE domain_events');
  await client.query('COMMIT');
}

/** Start one side on its own fresh, migrated database; resolves when it is ready to relay. */
async function prepare(side, dbName, receiver) {
  const dbUrl = await createDatabase(settings.databaseUrl, dbName);
  cleanup.add(() => dropDatabase(settings.databaseUrl, dbName));
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    APP_ENV: 'sandbox',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
  };
  await execFileAsync(process.execPath, [API_CLI, 'migrate'], { env, timeout: 120_000 });
  const { CLAIM_BATCH, SEND_CONCURRENCY } = await import(pathToFileURL(RELAY_LIMITS).href);
  let server;
  let subscription = null;
  let partnerId = 'sandbox';
  if (side === 'system') {
    subscription = await subscribe(env, receiver.url);
    partnerId = await withClient(
      dbUrl,
      async (c) =>
        (await c.query(`SELECT partner_id FROM webhook_subscriptions WHERE id = $1`, [subscription.id]))
          .rows[0].partner_id,
    );
    server = startServer('worker', [WORKER_MAIN], {
      ...env,
      DB_POOL_SIZE: String(settings.poolSize),
      WEBHOOK_TICK_MS: String(settings.tickMs),
    });
    cleanup.add(() => server.stop());
    await waitForOutput(server, /KYC worker running/);
  } else {
    server = startServer('baseline', [BASELINE], {
      ...env,
      RECEIVER_URL: receiver.url,
      BATCH: String(CLAIM_BATCH),
      CONCURRENCY: String(SEND_CONCURRENCY),
      TICK_MS: String(settings.tickMs),
    });
    cleanup.add(() => server.stop());
    await waitForOutput(server, /baseline relay ready/);
  }
  const monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  cleanup.add(() => monitor.end().catch(() => undefined));
  return {
    side,
    dbName,
    server,
    monitor,
    partnerId,
    subscription,
    limits: { claim_batch: CLAIM_BATCH, send_concurrency: SEND_CONCURRENCY },
  };
}

// --- measuring ----------------------------------------------------------------------------------------

/** Rows recorded as done: deliveries marked delivered (system) or outbox rows marked done (baseline). */
async function doneCount(target) {
  const sql =
    target.side === 'system'
      ? `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`
      : `SELECT count(*)::int AS n FROM domain_events WHERE fanned_out_at IS NOT NULL`;
  return (await target.monitor.query(sql)).rows[0].n;
}

/**
 * Wait until the receiver holds `expected` distinct webhooks (since its reset) and the database records
 * `recorded` rows as done; answers when the database was seen complete and when the last one arrived.
 */
async function waitForDone(target, receiver, expected, recorded = expected) {
  const deadline = performance.now() + settings.timeoutS * 1000;
  const check = () => {
    if (target.server.exited())
      throw new Error(`${target.side} exited during the run:\n${target.server.output()}`);
    if (performance.now() > deadline)
      throw new Error(
        `${target.side}: only ${receiver.state().ids.size} of ${expected} webhooks after ${settings.timeoutS} s`,
      );
  };
  while (receiver.state().ids.size < expected) {
    check();
    await sleep(5);
  }
  const receivedAt = performance.now();
  for (;;) {
    const at = performance.now();
    if ((await doneCount(target)) >= recorded) return { doneAt: at, receivedAt };
    check();
    await sleep(10);
  }
}

const pgCommits = async (client, dbName) =>
  Number(
    (await client.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = $1`, [dbName])).rows[0]
      .xact_commit,
  );

/** After the measured phase: what the receiver got, and the side's own records. */
async function checkSide(target, received, warmup, events) {
  const seqs = new Map(); // entity -> highest event number seen
  let orderViolations = 0;
  let badSignatures = 0;
  let retried = 0;
  const distinct = new Set();
  const secret = target.subscription?.secret;
  for (const r of received) {
    const seq = Number(JSON.parse(r.body.toString('utf8')).reference.slice('BENCH-'.length));
    if (!distinct.has(seq)) {
      if ((seqs.get(r.entity) ?? -1) > seq) orderViolations++;
      seqs.set(r.entity, Math.max(seqs.get(r.entity) ?? -1, seq));
    }
    distinct.add(seq);
    if (secret) {
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`);
      const given = Buffer.from(r.signature ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) badSignatures++;
      if (r.attempt !== '1') retried++;
    }
  }
  const checks = {
    every_event_received: distinct.size === events && [...distinct].every((s) => s > warmup),
    no_duplicates: received.length === events,
  };
  const detail = {
    received: received.length,
    distinct_events: distinct.size,
    entities: seqs.size,
    per_entity_order_violations: orderViolations,
  };
  if (target.side === 'system') {
    const { rows } = await target.monitor.query(
      `SELECT (SELECT count(*)::int FROM webhook_deliveries) AS deliveries,
              (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1) AS delivered_first_try,
              (SELECT count(*)::int FROM webhook_attempts WHERE response_status = 200) AS attempts_logged_200,
              (SELECT count(*)::int FROM webhook_attempts) AS attempts_logged`,
    );
    Object.assign(detail, rows[0], { bad_signatures: badSignatures, attempt_header_not_1: retried });
    const total = warmup + events;
    checks.per_entity_order = orderViolations === 0;
    checks.signatures_valid = badSignatures === 0;
    checks.every_delivery_delivered_and_logged =
      rows[0].deliveries === total &&
      rows[0].delivered_first_try === total &&
      rows[0].attempts_logged === total &&
      rows[0].attempts_logged_200 === total;
  } else {
    const { rows } = await target.monitor.query(
      `SELECT count(*) FILTER (WHERE fanned_out_at IS NULL)::int AS pending FROM domain_events`,
    );
    checks.every_row_marked_done = rows[0].pending === 0;
  }
  return { ok: Object.values(checks).every(Boolean), checks, detail };
}

async function runSide(target, receiver) {
  const { side, monitor, server, dbName, partnerId } = target;
  if (settings.warmup > 0) {
    log(`${side}: warm-up, ${settings.warmup} events`);
    receiver.reset();
    await loadEvents(monitor, partnerId, 1, settings.warmup, 'warm-');
    await waitForDone(target, receiver, settings.warmup);
  }
  await checkpoint(settings.databaseUrl);
  const quiet = await waitForQuiet(side, settings.quietWaitS, log);
  receiver.reset();
  const n = settings.events;
  log(`${side}: ${n} events over ${settings.entities} entities`);
  // The measured events become visible to the relay when this one INSERT commits: the clock starts then.
  await loadEvents(monitor, partnerId, settings.warmup + 1, n, 'bench-');
  const t0 = performance.now();
  const cpuBefore = cpuSample(server.pid, dbName);
  const commitsBefore = await pgCommits(monitor, dbName);
  const { doneAt, receivedAt } = await waitForDone(target, receiver, n, settings.warmup + n);
  const cpu = cpuDelta(cpuBefore, cpuSample(server.pid, dbName), n);
  const commits = (await pgCommits(monitor, dbName)) - commitsBefore;
  const { requests, connections } = receiver.state();
  const wallS = (doneAt - t0) / 1000;
  return {
    machine_before: quiet,
    deliveries: n,
    wall_s: round(wallS, 3),
    deliveries_per_second: round(n / wallS, 1),
    last_received_after_s: round((receivedAt - t0) / 1000, 3),
    receiver_connections: connections,
    commits_per_delivery: round(commits / n, 3),
    cpu,
    correctness: await checkSide(target, requests, settings.warmup, n),
  };
}

// --- report -------------------------------------------------------------------------------------------

const roundFigures = (s) => ({
  deliveries_per_second: s.deliveries_per_second,
  wall_s: s.wall_s,
  server_cpu_ms_per_delivery: s.cpu?.server_ms_per_request ?? null,
  postgres_cpu_ms_per_delivery: s.cpu?.postgres_ms_per_request ?? null,
  receiver_cpu_ms_per_delivery: s.cpu?.load_generator_ms_per_request ?? null,
  commits_per_delivery: s.commits_per_delivery,
  receiver_connections: s.receiver_connections,
  other_cpus_busy: s.cpu?.other_cpus_busy ?? null,
  correct: s.correctness.ok,
});

async function main() {
  for (const f of [API_MAIN, API_CLI, WORKER_MAIN, RELAY_LIMITS])
    if (!existsSync(f)) throw new Error(`${relative(ROOT, f)} is missing: run \`npm run build\` first`);
  const { machine, pgVersion } = await describeMachine(settings.databaseUrl, log);
  const receiver = await startReceiver();
  cleanup.add(() => receiver.stop());

  const rounds = [];
  let limits = null;
  for (let r = 0; r < settings.rounds; r++) {
    const sides = r % 2 === 0 ? settings.order : [...settings.order].reverse();
    const results = {};
    for (const side of sides) {
      if (settings.rounds > 1) log(`round ${r + 1} of ${settings.rounds}`);
      const dbName = `kyc_bench_wh_${process.pid}_${side}_r${r + 1}`;
      const target = await prepare(side, dbName, receiver);
      limits = target.limits;
      results[side] = await runSide(target, receiver);
      // Free the machine before the next side: stop it, drop its database, flush.
      await target.server.stop();
      if (settings.verbose) process.stderr.write(`--- ${side} output ---\n${target.server.output()}\n`);
      await target.monitor.end();
      await dropDatabase(settings.databaseUrl, dbName);
      await checkpoint(settings.databaseUrl);
      await sleep(1000);
    }
    const ratio = round(results.system.deliveries_per_second / results.baseline.deliveries_per_second, 3);
    rounds.push({ order: sides, ...results, ratio });
  }
  const ratio = median(rounds.map((r) => r.ratio));
  const shown = rounds.find((r) => r.ratio === ratio);
  const correct = rounds.every((r) => r.system.correctness.ok && r.baseline.correctness.ok);
  const passed = ratio >= TARGET.min_throughput_ratio && correct;

  const report = {
    benchmark: 'webhooks',
    date: new Date().toISOString(),
    app_version: packageVersion(ROOT, 'package.json'),
    git: gitState(ROOT),
    machine,
    settings: {
      events: settings.events,
      entities: settings.entities,
      warmup_events: settings.warmup,
      tick_ms: settings.tickMs,
      quiet_wait_s: settings.quietWaitS,
      rounds: settings.rounds,
      order: settings.order,
      ...limits,
      worker_db_pool_size: settings.poolSize,
      app_env: 'sandbox',
      log_level: 'warn',
      webhook_timeout_ms: 30000,
      pg_version: packageVersion(ROOT, 'node_modules/pg/package.json'),
    },
    system: shown.system,
    baseline: shown.baseline,
    ratio_system_over_baseline: ratio,
    rounds: rounds.map((r, i) => ({
      round: i + 1,
      order: r.order,
      shown: r === shown,
      system: roundFigures(r.system),
      baseline: roundFigures(r.baseline),
      ratio: r.ratio,
    })),
    target: { ...TARGET, correctness_ok: correct, pass: passed },
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, JSON.stringify(report, null, 2) + '\n');

  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const row = (label, s) => [
    label,
    s.deliveries_per_second,
    s.wall_s,
    s.cpu?.server_ms_per_request ?? '-',
    s.cpu?.postgres_ms_per_request ?? '-',
    s.cpu?.load_generator_ms_per_request ?? '-',
    s.commits_per_delivery,
    s.receiver_connections,
    s.cpu?.other_cpus_busy ?? '-',
  ];
  const failedChecks = rounds.flatMap((r, i) =>
    ['system', 'baseline'].flatMap((side) =>
      Object.entries(r[side].correctness.checks)
        .filter(([, ok]) => !ok)
        .map(([k]) => `round ${i + 1} ${side}: ${k} FAILED ${JSON.stringify(r[side].correctness.detail)}`),
    ),
  );
  process.stdout.write(
    [
      '',
      `webhooks: ${settings.events} events over ${settings.entities} entities per side (${settings.warmup} warm-up), ` +
        `batch ${limits.claim_batch}, ${limits.send_concurrency} sends in flight, tick ${settings.tickMs} ms` +
        `${rounds.length > 1 ? `, ${rounds.length} rounds` : ''}`,
      `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB RAM, Node ${machine.node_version}`,
      pgVersion,
      '',
      table([
        [
          '',
          'deliveries/s',
          'wall s',
          'relay CPU ms/dlv',
          'PG CPU ms/dlv',
          'receiver ms/dlv',
          'commits/dlv',
          'TCP conns',
          'other load',
        ],
        row('system (worker)', shown.system),
        row('baseline (pg loop)', shown.baseline),
      ]),
      ...(rounds.length > 1
        ? [
            '',
            table([
              ['round', 'order', 'system dlv/s', 'baseline dlv/s', 'ratio'],
              ...rounds.map((r, i) => [
                `${i + 1}${r === shown ? ' (shown)' : ''}`,
                r.order.join(','),
                r.system.deliveries_per_second,
                r.baseline.deliveries_per_second,
                r.ratio,
              ]),
            ]),
            `median of ${rounds.length} rounds:`,
          ]
        : []),
      '',
      `system correctness: ${JSON.stringify(shown.system.correctness.detail)}`,
      ...failedChecks,
      `throughput ratio system/baseline: ${ratio}  (target >= ${TARGET.min_throughput_ratio}) ${verdict(ratio >= TARGET.min_throughput_ratio)}`,
      `correctness: ${verdict(correct)}`,
      `target: ${verdict(passed)}`,
      ...otherLoadWarning(
        rounds.flatMap((r) => [r.system.cpu?.other_cpus_busy, r.baseline.cpu?.other_cpus_busy]),
      ),
      `results: ${relative(ROOT, settings.out)}`,
      '',
    ].join('\n'),
  );
  return passed;
}

await runMain('bench/webhooks', main, { strict: settings.strict, cleanup });
