#!/usr/bin/env node
// bench/expiry: the link-expiry job at a million identifications, of which 100,000 are stale.
// The built api (dist/apps/api/src/main.js, jobs off as in production) serves a throw-away PostgreSQL
// database (kyc_bench_expiry). In one run:
//   1. baselines (raw-sql.mjs), each timed, then undone: a bare SQL batch update of the same stale rows
//      (1,000 per statement, FOR UPDATE SKIP LOCKED, as the job batches) to status expired; raw SQL that
//      writes what the job writes (status, status event, outbox row, audit row), one statement a batch;
//      the same without the audit row; the same with triggers off (no foreign-key checks, no analytics);
//   2. idle: partner GET /v1/persons/{id} at a constant rate, --warmup seconds not counted, then --idle
//      seconds (p99 at idle);
//   3. the floor under load: raw SQL with the job's writes (no application) under the same GET load, then
//      undone: how long the writes take and what they cost the api's p99 when the two cores are shared;
//   4. the job: an admin's "run now" (POST /admin/jobs/expire_links/runs) under the same constant GET load;
//      its duration is the run row's (started → finished), its p99 the load's while it ran.
// Then it checks the job's work (every stale row expired once, with its event, audit event and webhook
// outbox row) and prints the duration, the speed ratio (bare update time / job time) and the p99 ratio,
// and how fast the raw SQL sides are against the bare update: the ceiling any implementation could reach.
//
//   npm run bench:expiry                                              # build, 1,000,000 / 100,000
//   node bench/expiry/run.mjs --identifications 100000 --stale 10000  # quick (after npm run build)
//
// Settings (flag or BENCH_<NAME> env): --identifications n (1000000) --stale n (100000)
//   --rate n (GET /v1/persons/{id} per second, 200)  --connections n (4)  --idle s (20)  --warmup s (5)
//   --keep-db  --out path  --strict (exit 1 when a target is missed)
// DATABASE_URL: the PostgreSQL server (default postgresql://root@127.0.0.1:5432/postgres; needs CREATEDB).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import {
  cleanupStack,
  createDatabase,
  DEFAULT_DATABASE_URL,
  describeMachine,
  dropDatabase,
  gitState,
  numberSetting,
  round,
  runMain,
  setting,
  startApiAs,
  table,
  withClient,
} from '../lib/harness.mjs';
import { generate } from './generate.mjs';
import { marks, reset, runSide, SIDES } from './raw-sql.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const API_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js');
const DATABASE_LIB = resolve(ROOT, 'dist/libs/database/src/index.js');
const DB_NAME = 'kyc_bench_expiry';
const PARTNER_ID = 'sandbox';
const SANDBOX_CLIENT = { id: 'sandbox-partner', secret: 'sandbox-secret-change-me' };
const TARGET = { max_job_seconds: 30, min_speed_ratio: 0.5, max_p99_ratio: 2 };

const settings = {
  identifications: numberSetting('identifications', 1_000_000),
  stale: numberSetting('stale', 100_000),
  rate: numberSetting('rate', 200),
  connections: numberSetting('connections', 4),
  idle: numberSetting('idle', 20),
  warmup: numberSetting('warmup', 5),
  keepDb: process.argv.includes('--keep-db') || process.env.BENCH_KEEP_DB === '1',
  strict: process.argv.includes('--strict') || process.env.BENCH_STRICT === '1',
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
};
const quick = settings.identifications < 1_000_000;
settings.out = resolve(ROOT, setting('out', `bench/results/expiry${quick ? '.quick' : ''}.json`));
const log = (msg) => process.stderr.write(`${msg}\n`);
const cleanup = cleanupStack();

/** Constant-rate GET /v1/persons/{id} over random persons until `stop()`; answers the latency summary. */
function load(base, token, persons) {
  const instance = autocannon({
    url: base,
    connections: settings.connections,
    overallRate: settings.rate,
    duration: 3600,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest(req) {
          const n = 1 + Math.floor(Math.random() * persons);
          return { ...req, method: 'GET', path: `/v1/persons/${personId(n)}` };
        },
      },
    ],
  });
  const done = new Promise((resolve, reject) => instance.on('done', resolve).on('error', reject));
  return {
    async stop() {
      instance.stop();
      const r = await done;
      if (r.non2xx || r.errors || r.timeouts) {
        throw new Error(`GET load: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      }
      return {
        requests: r.requests.total,
        requests_per_second: round(r.requests.total / r.duration),
        p50_ms: r.latency.p50,
        p99_ms: r.latency.p99,
        max_ms: r.latency.max,
        seconds: round(r.duration, 1),
      };
    },
  };
}

// The generator's ids: md5('person-' || n) || 'cper', computed here without the database.
import { createHash } from 'node:crypto';
const personId = (n) => `${createHash('md5').update(`person-${n}`).digest('hex')}cper`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  for (const f of [API_MAIN, DATABASE_LIB]) {
    if (!existsSync(f)) throw new Error(`${relative(ROOT, f)} is missing: run \`npm run build\` first`);
  }
  const { machine } = await describeMachine(settings.databaseUrl, log);
  await dropDatabase(settings.databaseUrl, DB_NAME);
  const dbUrl = await createDatabase(settings.databaseUrl, DB_NAME);
  cleanup.add(async () => {
    if (settings.keepDb) log(`kept ${DB_NAME}: ${dbUrl}`);
    else await dropDatabase(settings.databaseUrl, DB_NAME);
  });
  const { runMigrations } = await import(pathToFileURL(DATABASE_LIB).href);
  await runMigrations(dbUrl);
  log(`${DB_NAME}: generating`);
  const data = await generate(dbUrl, {
    identifications: settings.identifications,
    stale: settings.stale,
    partnerId: PARTNER_ID,
    log,
  });
  log(`generated in ${data.seconds} s`);

  const { base, writeHeaders } = await startApiAs(ROOT, dbUrl, 'admin', cleanup);
  const tokenRes = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: SANDBOX_CLIENT.id,
      client_secret: SANDBOX_CLIENT.secret,
    }),
  });
  const { access_token: token } = await tokenRes.json();
  if (!token) throw new Error(`token: HTTP ${tokenRes.status}`);

  const mark = await marks(dbUrl);
  const raw = {};
  for (const side of SIDES) {
    log(`baseline: ${side.label}`);
    raw[side.key] = await runSide(dbUrl, side);
    if (raw[side.key].rows !== settings.stale)
      throw new Error(`${side.label} touched ${raw[side.key].rows} rows, not ${settings.stale}`);
    await reset(dbUrl, mark, settings.stale);
  }
  const bare = raw.bare_update;

  // Idle right before the job, on the same database state, after a warm-up that is not counted (JIT,
  // connection pools, caches): the two p99 figures then differ by the job alone.
  log(`warm-up: GET /v1/persons/{id} at ${settings.rate}/s for ${settings.warmup} s (not counted)`);
  const warmLoad = load(base, token, data.persons);
  await sleep(settings.warmup * 1000);
  await warmLoad.stop();
  log(`idle: GET /v1/persons/{id} at ${settings.rate}/s for ${settings.idle} s`);
  const idleLoad = load(base, token, data.persons);
  await sleep(settings.idle * 1000);
  const idle = await idleLoad.stop();

  // The floor under load: raw SQL with the job's writes, no application, against the same GET load. Its
  // p99 is what the database's share of the two cores costs the api; the job's own work adds the rest.
  log('raw SQL, same writes, under the same GET load');
  const rawLoad = load(base, token, data.persons);
  await sleep(2000);
  const rawUnderLoad = await runSide(dbUrl, SIDES[1]);
  const duringRaw = await rawLoad.stop();
  await reset(dbUrl, mark, settings.stale);

  log('job: run now, under the same GET load');
  const jobLoad = load(base, token, data.persons);
  await sleep(2000);
  const started = await fetch(`${base}/admin/jobs/expire_links/runs`, {
    method: 'POST',
    headers: writeHeaders,
    body: '{}',
  });
  const run0 = await started.json();
  if (started.status !== 202) throw new Error(`run now: HTTP ${started.status} ${JSON.stringify(run0)}`);
  let run = run0;
  while (run.status === 'running') {
    await sleep(200);
    run = await (await fetch(`${base}/admin/jobs/runs/${run0.id}`, { headers: writeHeaders })).json();
  }
  const during = await jobLoad.stop();
  if (run.status !== 'succeeded') throw new Error(`the job's run ended ${run.status}: ${run.error}`);

  const check = await withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM identifications WHERE status = 'expired'
                 AND id IN (SELECT md5('idt-' || n) || 'cidt' FROM generate_series(1, $1::int) n))::int AS expired,
              (SELECT count(*) FROM identification_events WHERE to_status = 'expired')::int AS events,
              (SELECT count(*) FROM audit_events WHERE action = 'identification.expired')::int AS audits,
              (SELECT count(*) FROM domain_events WHERE event_type = 'IDENTIFICATION')::int AS webhooks`,
      [settings.stale],
    );
    return rows[0];
  });
  for (const [k, v] of Object.entries(check)) {
    if (v !== settings.stale) throw new Error(`after the job: ${k} = ${v}, expected ${settings.stale}`);
  }

  const jobSeconds = round(run.duration_ms / 1000, 2);
  const speedRatio = round(bare.ms / run.duration_ms, 3);
  const p99Ratio = round(during.p99_ms / idle.p99_ms, 2);
  // The raw sides against the bare update: how near 1 any job writing those rows could come.
  const rawVsBare = Object.fromEntries(
    SIDES.slice(1).map((side) => [side.key, round(bare.ms / raw[side.key].ms, 3)]),
  );
  const jobVsSameWrites = round(raw.raw_same_writes.ms / run.duration_ms, 3);
  const rawLoadedVsBare = round(bare.ms / rawUnderLoad.ms, 3);
  const rawP99Ratio = round(duringRaw.p99_ms / idle.p99_ms, 2);
  const jobVsRawLoaded = round(rawUnderLoad.ms / run.duration_ms, 3);
  const meets = {
    duration: jobSeconds < TARGET.max_job_seconds,
    speed_ratio: speedRatio >= TARGET.min_speed_ratio,
    p99_ratio: p99Ratio <= TARGET.max_p99_ratio,
  };
  console.log(
    `\nexpiry, ${data.identifications.toLocaleString('en')} identifications, ${data.stale.toLocaleString('en')} stale\n${table(
      [
        ['side', 'seconds', 'rows/s', 'GET p50 ms', 'GET p99 ms', 'GET req/s'],
        ...SIDES.map((side) => {
          const r = raw[side.key];
          return [side.label, round(r.ms / 1000, 2), round(r.rows / (r.ms / 1000)), '', '', ''];
        }),
        ['idle (no job)', '', '', idle.p50_ms, idle.p99_ms, idle.requests_per_second],
        [
          'raw SQL, same writes, under load',
          round(rawUnderLoad.ms / 1000, 2),
          round(rawUnderLoad.rows / (rawUnderLoad.ms / 1000)),
          duringRaw.p50_ms,
          duringRaw.p99_ms,
          duringRaw.requests_per_second,
        ],
        [
          'expiry job',
          jobSeconds,
          round(settings.stale / jobSeconds),
          during.p50_ms,
          during.p99_ms,
          during.requests_per_second,
        ],
      ],
    )}\n` +
      `job ${jobSeconds} s (target < ${TARGET.max_job_seconds}: ${meets.duration ? 'PASS' : 'MISSED'}); ` +
      `speed vs bare update ${speedRatio} (target >= ${TARGET.min_speed_ratio}: ${meets.speed_ratio ? 'PASS' : 'MISSED'}); ` +
      `GET p99 during/idle ${p99Ratio} (target <= ${TARGET.max_p99_ratio}: ${meets.p99_ratio ? 'PASS' : 'MISSED'})\n` +
      `raw SQL speed vs bare update: ${SIDES.slice(1)
        .map((side) => `${side.label} ${rawVsBare[side.key]}`)
        .join('; ')}; job vs raw SQL with the same writes ${jobVsSameWrites}\n` +
      `under the GET load: raw SQL with the same writes ${round(rawUnderLoad.ms / 1000, 2)} s, speed vs bare ` +
      `update ${rawLoadedVsBare}, GET p99 during/idle ${rawP99Ratio}; job vs that ${jobVsRawLoaded}`,
  );
  const report = {
    benchmark: 'expiry',
    at: new Date().toISOString(),
    git: gitState(ROOT),
    machine,
    settings: { ...settings, out: relative(ROOT, settings.out), databaseUrl: undefined },
    data,
    bare_update: bare,
    raw_sql: raw,
    job: { run_id: run.id, seconds: jobSeconds, processed: run.processed, summary: run.summary },
    raw_same_writes_under_load: rawUnderLoad,
    load: { idle, during_raw_same_writes: duringRaw, during_job: during },
    ratios: {
      speed_job_vs_bare: speedRatio,
      p99_during_vs_idle: p99Ratio,
      raw_sql_vs_bare: rawVsBare,
      job_vs_raw_same_writes: jobVsSameWrites,
      under_load: {
        raw_same_writes_vs_bare: rawLoadedVsBare,
        raw_same_writes_p99_during_vs_idle: rawP99Ratio,
        job_vs_raw_same_writes: jobVsRawLoaded,
      },
    },
    targets: TARGET,
    meets,
    check,
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`written ${relative(ROOT, settings.out)}`);
  return Object.values(meets).every(Boolean);
}

await runMain('bench/expiry', main, { strict: settings.strict, cleanup });
