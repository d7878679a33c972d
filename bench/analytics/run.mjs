#!/usr/bin/env node
// bench/analytics: the failure breakdown of `GET /admin/analytics/failures` (by code, by category,
// permanent vs temporary, user-caused vs not vs unknown, and per day) for the last 90 days over 1,000,000
// identifications, answered by the real api from the rollup, against the naive GROUP BY over the raw
// events in the same run, on one throw-away database. Prints p50/p95 of both sides and the ratio, checks
// that both answers are equal count for count, and writes bench/results/analytics.json.
//
//   npm run bench:analytics                                          # build, then 1,000,000 identifications
//   node bench/analytics/run.mjs --identifications 100000 --iterations 10   # quick (after npm run build)
//
// Settings (flag or BENCH_<NAME> env):
//   --identifications n  (1000000)   --days n  the window, and the range asked for (90)
//   --partners n (3)   --reidentified share of re-identifications (0.04)
//   --iterations n       measured api calls, and in-process service calls (30)   --warmup n (5)
//   --baseline-iterations n  measured baseline runs (5), after one warm-up
//   --raw-iterations n   runs of the service on its raw source (the rollup's oracle; 2; 0 skips)
//   --trigger-events n   events per round of the trigger cost (2000)   --trigger-rounds n (3)
//   --db name            the database (kyc_bench_…), dropped and created anew (kyc_bench_analytics)
//   --keep-db            keep it afterwards   --no-api  measure in-process only (before the endpoint exists)
//   --out path           result file   --strict   exit 1 when the target is missed
// DATABASE_URL: the PostgreSQL server (default postgresql://root@127.0.0.1:5432/postgres; the role needs
// CREATEDB, and superuser for the fast load).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import argon2 from 'argon2';
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
import { baselineAnswer, baselineParams, baselineSql, differences, normalAnswer } from './baseline.mjs';
import { generate } from './generate.mjs';
import { triggerCost } from './trigger-cost.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const distLib = (p) => resolve(ROOT, 'dist/libs', p);
const APP_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js');
const TARGET = { max_p95_ms: 100, min_speedup: 20 };
const PATH = '/admin/analytics/failures';

const settings = {
  identifications: numberSetting('identifications', 1_000_000),
  days: numberSetting('days', 90),
  partners: numberSetting('partners', 3),
  reidentified: numberSetting('reidentified', 0.04),
  iterations: numberSetting('iterations', 30),
  warmup: numberSetting('warmup', 5),
  baselineIterations: numberSetting('baseline-iterations', 5),
  rawIterations: numberSetting('raw-iterations', 2),
  triggerEvents: numberSetting('trigger-events', 2000),
  triggerRounds: numberSetting('trigger-rounds', 3),
  db: setting('db', 'kyc_bench_analytics'),
  keepDb: process.argv.includes('--keep-db') || process.env.BENCH_KEEP_DB === '1',
  api: !(process.argv.includes('--no-api') || process.env.BENCH_NO_API === '1'),
  strict: process.argv.includes('--strict') || process.env.BENCH_STRICT === '1',
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
};
const quick = settings.identifications < 1_000_000 || settings.iterations < 30 || !settings.api;
settings.out = resolve(ROOT, setting('out', `bench/results/analytics${quick ? '.quick' : ''}.json`));
for (const k of [
  'identifications',
  'days',
  'partners',
  'iterations',
  'baselineIterations',
  'triggerEvents',
]) {
  if (!Number.isInteger(settings[k]) || settings[k] < 1) {
    process.stderr.write(`bench/analytics: --${k} must be a whole number from 1\n`);
    process.exit(2);
  }
}

// The database is dropped first: never one the tests or anyone else uses.
if (!/^kyc_bench_[a-z0-9_]+$/.test(settings.db)) {
  process.stderr.write(`bench/analytics: --db must be a kyc_bench_… name (it is dropped and created anew)\n`);
  process.exit(2);
}
if (!(settings.reidentified >= 0 && settings.reidentified <= 0.1)) {
  process.stderr.write(`bench/analytics: --reidentified must be a share from 0 to 0.1\n`);
  process.exit(2);
}

const log = (msg) => process.stderr.write(`${msg}\n`);
const cleanup = cleanupStack();
const imports = async (p) => import(pathToFileURL(distLib(p)).href);

/** Nearest-rank percentiles of the times, in ms. */
function latency(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => round(s[Math.max(0, Math.ceil(p * s.length) - 1)]);
  return { n: s.length, p50: at(0.5), p95: at(0.95), min: round(s[0]), max: round(s[s.length - 1]) };
}

/**
 * `call` `warmup` times unmeasured, then `n` times measured, on a quiet machine if it gets one; answers the
 * percentiles, the PostgreSQL CPU per call and the other load on the machine meanwhile.
 */
async function measure(label, n, warmup, call, serverPid = 0) {
  for (let i = 0; i < warmup; i++) await call();
  const quiet = await waitForQuiet(label, 60, log);
  const before = cpuSample(serverPid, settings.db);
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  const cpu = cpuDelta(before, cpuSample(serverPid, settings.db), n);
  const out = {
    ...latency(ms),
    postgres_cpu_ms_per_call: cpu?.postgres_ms_per_request ?? null,
    server_cpu_ms_per_call: serverPid ? (cpu?.server_ms_per_request ?? null) : undefined,
    other_cpus_busy: cpu?.other_cpus_busy ?? null,
    machine_cpus_busy_before: quiet.machine_cpus_busy_before,
  };
  log(`${label}: p50 ${out.p50} ms, p95 ${out.p95} ms (${n} runs)`);
  return out;
}

/** The statements a service call sends, with EXPLAIN (ANALYZE, BUFFERS) of each. */
async function explainCalls(ds, run) {
  const seen = [];
  await run({ query: (sql, params) => (seen.push({ sql, params }), ds.query(sql, params)) });
  const out = [];
  for (const s of seen) {
    const plan = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    out.push({
      sql: s.sql.replace(/\s+/g, ' ').trim(),
      params: s.params,
      plan: plan.map((r) => r['QUERY PLAN']),
    });
  }
  return out;
}

/** Start the api on the bench database and sign in a compliance officer; answers the server and a GET. */
async function startApi(dbUrl) {
  const email = 'analytics-officer@bench.example';
  const password = 'Bench-Analytics-2026!';
  await withClient(dbUrl, async (c) =>
    c.query(
      `INSERT INTO staff_users (email, display_name, role, status, password_hash) VALUES ($1, 'Bench officer', 'compliance_officer', 'active', $2)`,
      [email, await argon2.hash(password)],
    ),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'kyc-bench-analytics-'));
  cleanup.add(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer('api', ['--disable-warning=FSTWRN004', APP_MAIN], {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    DATA_DIR: dataDir,
    APP_ENV: 'sandbox',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Jobs (the fold among them) run in the worker, as in production; the api only serves.
    RUN_JOBS_IN_API: 'false',
    MFA_REQUIRED: 'false',
  });
  cleanup.add(() => server.stop());
  await waitForOk(server, `${base}/health`);
  const login = await fetch(`${base}/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const get = async (path) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    const text = await res.text();
    if (res.status !== 200) {
      const hint =
        res.status === 404 ? ' (has the Analytics API landed? --no-api measures in-process only)' : '';
      throw new Error(`GET ${path}: HTTP ${res.status}${hint} ${text.slice(0, 300)}`);
    }
    return text;
  };
  return { server, get };
}

function assertSame(a, b, labels) {
  const diff = differences(a, b, labels);
  if (diff.length) {
    throw new Error(
      `${labels[0]} and ${labels[1]} disagree (${diff.length} differences):\n  ${diff.slice(0, 30).join('\n  ')}`,
    );
  }
}

async function main() {
  for (const f of [APP_MAIN, distLib('failure-analytics/src/query/analytics.service.js')]) {
    if (!existsSync(f)) throw new Error(`${relative(ROOT, f)} is missing: run \`npm run build\` first`);
  }
  const { runMigrations, dataSourceOptions } = await imports('database/src/index.js');
  const { AnalyticsCountsRepository } = await imports(
    'failure-analytics/src/rollup/analytics-counts.repository.js',
  );
  const { AnalyticsService } = await imports('failure-analytics/src/query/analytics.service.js');
  const { parseAnalyticsQuery } = await imports('failure-analytics/src/query/analytics-query.js');
  const { FAILURE_CODES } = await imports('identifications/src/rules/failure-codes.js');
  const { DataSource } = await import('typeorm');
  const { machine, pgVersion } = await describeMachine(settings.databaseUrl, log);

  await dropDatabase(settings.databaseUrl, settings.db);
  const dbUrl = await createDatabase(settings.databaseUrl, settings.db);
  cleanup.add(async () => {
    if (settings.keepDb) log(`kept ${settings.db}: ${dbUrl}`);
    else await dropDatabase(settings.databaseUrl, settings.db);
  });
  log(`${settings.db}: migrating`);
  await runMigrations(dbUrl);
  log(`${settings.db}: generating ${settings.identifications} identifications over ${settings.days} days`);
  const data = await generate(dbUrl, { ...settings, now: new Date().toISOString() }, { distLib, log });
  log(`generated in ${data.seconds} s: ${JSON.stringify(data.rows)}`);

  const ds = new DataSource(dataSourceOptions({ url: dbUrl, poolSize: 10 }));
  await ds.initialize();
  cleanup.add(async () => {
    if (ds.isInitialized) await ds.destroy();
  });
  const repo = new AnalyticsCountsRepository(ds);
  const service = new AnalyticsService(repo);

  // The rollup, as `npm run analytics:rebuild` builds it; then settled as autovacuum would leave it.
  await checkpoint(settings.databaseUrl);
  let t = performance.now();
  const rebuilt = await repo.rebuild();
  const rebuild = { seconds: round((performance.now() - t) / 1000, 1), rollup_rows: rebuilt.rows };
  log(`rebuild(): ${rebuild.seconds} s, ${rebuild.rollup_rows} rollup rows`);
  const query = () =>
    parseAnalyticsQuery(
      { from: new Date(Date.now() - settings.days * 86_400_000).toISOString(), granularity: 'day' },
      new Date(),
    );
  rebuild.before_vacuum = await measure('service right after rebuild (no vacuum yet)', 5, 1, () =>
    service.failures(query()),
  );
  // Whether autovacuum got there first, and what the planner did without statistics.
  rebuild.before_vacuum.tables = await ds.query(
    `SELECT relname AS name, n_live_tup, n_dead_tup, last_autovacuum, last_autoanalyze FROM pg_stat_user_tables
      WHERE relname IN ('analytics_rollup', 'analytics_deltas')`,
  );
  rebuild.before_vacuum.plans = await explainCalls(ds, (spy) =>
    new AnalyticsService(new AnalyticsCountsRepository(spy)).failures(query()),
  );
  t = performance.now();
  await ds.query(`VACUUM (ANALYZE) analytics_rollup, analytics_deltas`);
  rebuild.vacuum_seconds = round((performance.now() - t) / 1000, 1);
  rebuild.sizes = await ds.query(
    `SELECT relname AS name, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
      WHERE relname IN ('analytics_rollup', 'analytics_deltas', 'identification_events', 'identifications')`,
  );
  rebuild.rollup_rows_by_grain = await ds.query(
    `SELECT grain, metric, count(*)::int AS rows FROM analytics_rollup GROUP BY 1, 2 ORDER BY 1, 2`,
  );

  // One range for every side: the last `days` days, to the end of the current hour.
  const q = query();
  const range = { from: q.from.toISOString(), to: q.to.toISOString(), granularity: 'day' };
  const apiPath = `${PATH}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}&granularity=day`;
  const params = baselineParams(q.from, q.to, FAILURE_CODES);
  const runBaseline = async (join) => await ds.query(baselineSql({ join }), params);

  // The answers first: every side must give the same counts.
  const expected = baselineAnswer(await runBaseline(true));
  assertSame(normalAnswer(await service.failures(q)), expected, ['service (rollup)', 'baseline']);
  assertSame(baselineAnswer(await runBaseline(false)), expected, ['baseline without join', 'baseline']);
  log(
    `answers agree: ${expected.outcomes} outcomes, ${expected.failures} failures, ${Object.keys(expected.by_code).length} codes`,
  );

  await checkpoint(settings.databaseUrl);
  const results = {};
  if (settings.api) {
    const api = await startApi(dbUrl);
    assertSame(normalAnswer(JSON.parse(await api.get(apiPath))), expected, ['api', 'baseline']);
    results.api = await measure(
      'api GET',
      settings.iterations,
      settings.warmup,
      () => api.get(apiPath),
      api.server.pid,
    );
    results.api.response_bytes = Buffer.byteLength(await api.get(apiPath));
    await api.server.stop();
  }
  results.service = await measure('service in-process', settings.iterations, settings.warmup, () =>
    service.failures(q),
  );
  results.baseline = await measure('baseline', settings.baselineIterations, 1, () => runBaseline(true));
  results.baseline_without_join = await measure('baseline without join', settings.baselineIterations, 1, () =>
    runBaseline(false),
  );
  // PostgreSQL's default JIT compiles the baseline's big aggregate on every run; the same without it.
  results.baseline_jit_off = await withClient(dbUrl, async (c) => {
    await c.query('SET jit = off');
    return measure('baseline, jit off', settings.baselineIterations, 1, () => c.query(baselineSql(), params));
  });
  if (settings.rawIterations > 0) {
    results.service_raw_source = await measure('service on raw source', settings.rawIterations, 0, () =>
      service.failures(q, 'raw'),
    );
  }

  const plans = {
    system: await explainCalls(ds, (spy) =>
      new AnalyticsService(new AnalyticsCountsRepository(spy)).failures(q),
    ),
    baseline: (await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${baselineSql()}`, params)).map(
      (r) => r['QUERY PLAN'],
    ),
  };
  log('trigger cost: inserting events with and without the trigger');
  const trigger = await withClient(dbUrl, (c) =>
    triggerCost(c, { events: settings.triggerEvents, rounds: settings.triggerRounds }),
  );
  await ds.destroy();

  const system = results.api ?? results.service;
  const speedup = {
    p50: round(results.baseline.p50 / system.p50, 1),
    p95: round(results.baseline.p95 / system.p95, 1),
  };
  const passed = system.p95 < TARGET.max_p95_ms && speedup.p95 >= TARGET.min_speedup;
  // Against the quickest variant of the baseline (no join, or no JIT): the ratio a sceptic would quote.
  const quickest = Math.min(
    ...['baseline', 'baseline_without_join', 'baseline_jit_off'].map((k) => results[k].p95),
  );
  speedup.p95_vs_quickest_baseline_variant = round(quickest / system.p95, 1);
  const report = {
    benchmark: 'analytics',
    date: new Date().toISOString(),
    app_version: packageVersion(ROOT, 'package.json'),
    git: gitState(ROOT),
    machine,
    settings: {
      endpoint: `GET ${PATH} (AnalyticsService.failures from the rollup)`,
      range,
      identifications: settings.identifications,
      days: settings.days,
      partners: settings.partners,
      reidentified: settings.reidentified,
      iterations: settings.iterations,
      warmup: settings.warmup,
      baseline_iterations: settings.baselineIterations,
      api_measured: settings.api,
      baseline:
        'one GROUP BY GROUPING SETS over identification_events JOIN identifications (outcome transitions in the range), catalog classes joined in SQL',
    },
    data,
    rebuild,
    answer: {
      outcomes: expected.outcomes,
      failures: expected.failures,
      codes: Object.keys(expected.by_code).length,
      by_permanence: expected.by_permanence,
      by_caused_by_user: expected.by_caused_by_user,
      agree: true,
    },
    results,
    speedup_vs_baseline: speedup,
    target: { ...TARGET, measured_side: results.api ? 'api' : 'service in-process', pass: passed },
    trigger,
    plans,
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, JSON.stringify(report, null, 2) + '\n');

  const row = (label, r, ratio) => [
    label,
    r.p50,
    r.p95,
    r.min,
    r.max,
    r.postgres_cpu_ms_per_call ?? '-',
    r.other_cpus_busy ?? '-',
    ratio,
  ];
  const lines = [
    '',
    ...plans.system.flatMap((p) => [`--- system: ${p.sql}`, ...p.plan.map((l) => `    ${l}`)]),
    '--- baseline:',
    ...plans.baseline.map((l) => `    ${l}`),
    '',
    `analytics: ${data.rows.identifications} identifications, ${data.rows.events} events over ${settings.days} days; failures ${range.from} .. ${range.to} by day`,
    `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB RAM, Node ${machine.node_version}`,
    pgVersion,
    `data generated in ${data.seconds} s; rebuild() ${rebuild.seconds} s (${rebuild.rollup_rows} rollup rows), then VACUUM ANALYZE ${rebuild.vacuum_seconds} s`,
    `answer: ${expected.outcomes} outcomes, ${expected.failures} failures in ${Object.keys(expected.by_code).length} codes; api, service and baseline agree`,
    '',
    table([
      ['side', 'p50 ms', 'p95 ms', 'min', 'max', 'PG CPU ms/call', 'other load', 'baseline p95 ÷ p95'],
      ...(results.api ? [row('api GET (system)', results.api, speedup.p95)] : []),
      row('service in-process', results.service, round(results.baseline.p95 / results.service.p95, 1)),
      row('baseline GROUP BY', results.baseline, 1),
      row(
        'baseline, no join',
        results.baseline_without_join,
        round(results.baseline.p95 / results.baseline_without_join.p95, 2),
      ),
      row(
        'baseline, jit off',
        results.baseline_jit_off,
        round(results.baseline.p95 / results.baseline_jit_off.p95, 2),
      ),
      ...(results.service_raw_source ? [row('service, raw source', results.service_raw_source, '')] : []),
    ]),
    '',
    `right after rebuild, before VACUUM: service p50 ${rebuild.before_vacuum.p50} ms, p95 ${rebuild.before_vacuum.p95} ms`,
    `trigger: ${trigger.us_per_event_with_trigger} µs per event with, ${trigger.us_per_event_without_trigger} µs without: +${trigger.trigger_overhead_us_per_event} µs per event`,
    `speedup against the quickest baseline variant (p95): ${speedup.p95_vs_quickest_baseline_variant}x`,
    `target (${results.api ? 'api' : 'in-process'} p95 < ${TARGET.max_p95_ms} ms and >= ${TARGET.min_speedup}x faster than the baseline): ${passed ? 'PASS' : 'FAIL'} (p95 ${system.p95} ms, ${speedup.p95}x)`,
    ...(settings.api ? [] : ['note: --no-api: the api was not measured']),
    // Only the single-process sides: the baseline's parallel workers exit before the CPU is sampled, so
    // their work shows up as "other load" there.
    ...otherLoadWarning([results.api?.other_cpus_busy, results.service.other_cpus_busy]),
    `results: ${relative(ROOT, settings.out)}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return passed;
}

await runMain('bench/analytics', main, { strict: settings.strict, cleanup });
