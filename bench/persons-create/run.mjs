#!/usr/bin/env node
// bench/persons-create: POST /v1/persons on the real app (built dist/, PostgreSQL) against a raw
// Fastify + pg baseline doing the same insert, in one run, one after the other, each on its own fresh
// database. Prints req/s, p50, p99, the two ratios and the target check; writes bench/results/*.json.
//
//   npm run bench:persons-create                                   # build, then 10 connections x 20 s a side
//   node bench/persons-create/run.mjs --duration 5 --warmup 1     # quick run (after npm run build)
//
// Settings (flag or BENCH_<NAME> env):
//   --duration s     measured seconds per side (20)          --connections n   autocannon connections (10)
//   --warmup s       unmeasured seconds per side first (3)   --out path        result file
//   --mode sandbox   APP_ENV=sandbox with the sandbox client the app provisions (the default), or
//   --mode production  APP_ENV=production with a client made by `cli.js partner:create`
//   --order baseline,system (the default) or system,baseline   --strict   exit 1 when the target is missed
//   --rounds n       measure both sides n times (1), alternating which goes first; the median ratios
//                    decide (lower middle for an even n),
//                    and the table shows the round with the median throughput ratio
// DATABASE_URL: the PostgreSQL server the throw-away databases are created on (default
// postgresql://root@127.0.0.1:5432/postgres; the role needs CREATEDB). DB_POOL_SIZE: both sides' pool (10).
// BENCH_APP_<NAME>=value: passed to the app (and its CLI) as <NAME>=value.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  assertClean,
  cannon,
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
  letters,
  median,
  numberSetting,
  otherLoadWarning,
  packageVersion,
  round,
  runMain,
  setting,
  startServer,
  summarise,
  table,
  waitForOk,
  withClient,
} from '../lib/harness.mjs';

const execFileAsync = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js');
const APP_CLI = resolve(ROOT, 'dist/apps/api/src/cli.js');
const DATABASE_LIB = resolve(ROOT, 'dist/libs/database/src/index.js');
const BASELINE = resolve(ROOT, 'bench/persons-create/baseline-server.mjs');

const TARGET = { min_throughput_ratio: 0.6, max_p99_ratio: 3 };
const DEFAULT_DURATION = 20;

const SANDBOX_CLIENT = { id: 'sandbox-partner', secret: 'sandbox-secret-change-me' };
/** The partner owning the persons: the app's sandbox partner, or the one the CLI creates. */
const PARTNER = { sandbox: 'sandbox', production: 'bench' };
/** The seed's person; last_name is varied per request (sandbox allows at most 1000 identical persons). */
const PERSON = {
  salutation: 'MS',
  first_name: 'Jane',
  last_name: 'Doe',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
  mobile_number: '+49301234567',
  birth_date: '1992-12-11',
  nationality: 'DE',
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
};

const settings = {
  duration: numberSetting('duration', DEFAULT_DURATION),
  connections: numberSetting('connections', 10),
  warmup: numberSetting('warmup', 3),
  rounds: numberSetting('rounds', 1),
  mode: setting('mode', 'sandbox'),
  order: setting('order', 'baseline,system')
    .split(',')
    .map((s) => s.trim()),
  strict: process.argv.includes('--strict') || process.env.BENCH_STRICT === '1',
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  poolSize: Number(process.env.DB_POOL_SIZE || 10),
};
function usage(msg) {
  process.stderr.write(`bench/persons-create: ${msg} (the settings are listed at the top of run.mjs)\n`);
  process.exit(2);
}
const { mode, order } = settings;
if (!Object.hasOwn(PARTNER, mode)) usage('--mode must be sandbox or production');
if (order.length !== 2 || !order.includes('system') || !order.includes('baseline')) {
  usage('--order must be baseline,system or system,baseline');
}
if (!Number.isInteger(settings.rounds) || settings.rounds < 1)
  usage('--rounds must be a whole number from 1');
if (!(settings.duration > 0) || !(settings.connections >= 1)) {
  usage('--duration and --connections must be positive');
}
const quick = settings.duration < DEFAULT_DURATION;
const suffix = `${settings.mode === 'production' ? '.production' : ''}${quick ? '.quick' : ''}`;
settings.out = resolve(ROOT, setting('out', `bench/results/persons-create${suffix}.json`));

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const cleanup = cleanupStack();

/** `cli.js partner:create`, as an operator runs it (it migrates first); returns the printed credentials. */
async function createPartnerClient(env, partnerId) {
  if (!existsSync(APP_CLI))
    throw new Error(`${relative(ROOT, APP_CLI)} is missing: --mode production needs it`);
  const args = [APP_CLI, 'partner:create', '--name', 'Benchmark partner', '--partner-id', partnerId];
  const { stdout } = await execFileAsync(process.execPath, [...args, '--client-id', 'bench-client'], {
    env,
    timeout: 60_000,
  });
  const id = /Client id:\s*(\S+)/.exec(stdout)?.[1];
  const secret = /Client secret:\s*(\S+)/.exec(stdout)?.[1];
  if (!id || !secret) throw new Error(`partner:create printed no credentials:\n${stdout}`);
  return { id, secret };
}

/** Start one side on its own fresh database; resolves to what autocannon needs. */
async function prepare(side, dbName) {
  const port = await freePort();
  const dbUrl = await createDatabase(settings.databaseUrl, dbName);
  cleanup.add(() => dropDatabase(settings.databaseUrl, dbName));
  const base = `http://127.0.0.1:${port}`;
  const childEnv = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: dbUrl,
    PORT: String(port),
    DB_POOL_SIZE: String(settings.poolSize),
  };
  let server;
  let headers = { 'content-type': 'application/json' };

  if (side === 'system') {
    // The real app: it runs its migrations at start-up; in sandbox mode it also provisions the sandbox
    // partner client, in production mode the client comes from the CLI.
    const appEnv = {
      ...childEnv,
      APP_ENV: settings.mode,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // Production refuses to start without its provider settings. Creating a person calls no
      // provider and sends no webhook, so placeholders do (an IDnow URL that points nowhere, a
      // throw-away webhook key), unless real ones are given.
      ...(settings.mode === 'production'
        ? {
            IDNOW_BASE_URL: process.env.IDNOW_BASE_URL || 'http://127.0.0.1:9',
            IDNOW_API_KEY: process.env.IDNOW_API_KEY || 'bench-placeholder-key',
            WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY || randomBytes(32).toString('base64'),
          }
        : {}),
      // Any further setting the app needs: BENCH_APP_<NAME>=value reaches it as <NAME>=value.
      ...Object.fromEntries(
        Object.entries(process.env)
          .filter(([k]) => k.startsWith('BENCH_APP_'))
          .map(([k, v]) => [k.slice('BENCH_APP_'.length), v]),
      ),
    };
    const client =
      settings.mode === 'sandbox' ? SANDBOX_CLIENT : await createPartnerClient(appEnv, PARTNER.production);
    server = startServer('app', [APP_MAIN], appEnv);
    cleanup.add(() => server.stop());
    await waitForOk(server, `${base}/health`);
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const json = await res.json();
    if (res.status !== 200 || !json.access_token) {
      throw new Error(`token: HTTP ${res.status} ${JSON.stringify(json)}`);
    }
    headers = { ...headers, authorization: `Bearer ${json.access_token}` };
  } else {
    // Same schema, migrated by the app's own migration list, plus the partner row the app would have.
    const { runMigrations } = await import(pathToFileURL(DATABASE_LIB).href);
    await runMigrations(dbUrl);
    const partnerId = PARTNER[settings.mode];
    await withClient(dbUrl, (c) =>
      c.query(`INSERT INTO partners (id, name) VALUES ($1, 'Benchmark partner') ON CONFLICT DO NOTHING`, [
        partnerId,
      ]),
    );
    server = startServer('baseline', [BASELINE], { ...childEnv, PARTNER_ID: partnerId });
    cleanup.add(() => server.stop());
    await waitForOk(server, `${base}/health`);
    // Same request bytes on both sides: the baseline ignores the header.
    headers = { ...headers, authorization: 'Bearer baseline-does-not-check-tokens' };
  }
  return { side, dbName, dbUrl, base, server, headers };
}

async function runSide(target) {
  const { side, base, headers, dbUrl, dbName, server } = target;
  let seq = 0;
  const body = () => JSON.stringify({ ...PERSON, last_name: `Doe ${letters(seq++)}` });

  const probe = await fetch(`${base}/v1/persons`, { method: 'POST', headers, body: body() });
  const probeBody = await probe.text();
  if (probe.status !== 201)
    throw new Error(`${side}: POST /v1/persons answered ${probe.status}: ${probeBody}`);

  const opts = {
    url: base,
    connections: settings.connections,
    headers,
    requests: [{ method: 'POST', path: '/v1/persons', setupRequest: (req) => ({ ...req, body: body() }) }],
  };
  const failure = async () => {
    const r = await fetch(`${base}/v1/persons`, { method: 'POST', headers, body: body() }).catch((e) => e);
    return r instanceof Error ? r.message : `HTTP ${r.status} ${await r.text()}`;
  };

  let warm = null;
  if (settings.warmup > 0) {
    log(`${side}: warm-up ${settings.warmup} s`);
    warm = await cannon({ ...opts, duration: settings.warmup });
    if (warm.non2xx || warm.errors || warm.timeouts) assertClean(`${side} warm-up`, warm, await failure());
  }
  await checkpoint(settings.databaseUrl);
  log(`${side}: measuring ${settings.duration} s, ${settings.connections} connections`);
  const cpuBefore = cpuSample(server.pid, dbName);
  const result = await cannon({ ...opts, duration: settings.duration });
  const cpu = cpuDelta(cpuBefore, cpuSample(server.pid, dbName), result.requests.total);
  if (result.non2xx || result.errors || result.timeouts) assertClean(side, result, await failure());

  const rows = await withClient(
    dbUrl,
    async (c) => (await c.query('SELECT count(*)::int AS n FROM persons')).rows[0].n,
  );
  const expected = 1 + (warm ? warm['2xx'] : 0) + result['2xx'];
  if (rows < expected)
    throw new Error(`${side}: ${expected} creates answered 201 but only ${rows} rows are stored`);
  return { ...summarise(result), cpu, rows_stored: rows, warmup_requests: warm ? warm['2xx'] : 0 };
}

/** The per-round figures kept when a run has several rounds. */
function roundFigures(side) {
  return {
    requests_per_second: side.requests_per_second,
    p50_ms: side.latency_ms.p50,
    p99_ms: side.latency_ms.p99,
    server_cpu_ms_per_request: side.cpu?.server_ms_per_request ?? null,
    postgres_cpu_ms_per_request: side.cpu?.postgres_ms_per_request ?? null,
    other_cpus_busy: side.cpu?.other_cpus_busy ?? null,
  };
}

async function main() {
  if (!existsSync(APP_MAIN))
    throw new Error(`${relative(ROOT, APP_MAIN)} is missing: run \`npm run build\` first`);
  const { machine, pgVersion } = await describeMachine(settings.databaseUrl, log);

  // Each round measures both sides, the second round in the opposite order, and so on: a burst of
  // other work on the machine then disturbs one round, not the verdict (the median round decides).
  const rounds = [];
  for (let r = 0; r < settings.rounds; r++) {
    const order = r % 2 === 0 ? settings.order : [...settings.order].reverse();
    const results = {};
    for (const side of order) {
      const dbName = `kyc_bench_${process.pid}_${side}${settings.rounds > 1 ? `_r${r + 1}` : ''}`;
      if (settings.rounds > 1) log(`round ${r + 1} of ${settings.rounds}`);
      const target = await prepare(side, dbName);
      results[side] = await runSide(target);
      // Free the machine before the next phase: stop this side and drop its database so neither its
      // process nor autovacuum on its table competes with the next side for the two CPUs.
      await target.server.stop();
      await dropDatabase(settings.databaseUrl, dbName);
      await checkpoint(settings.databaseUrl);
      await sleep(1000);
    }
    const { system: sys, baseline: base } = results;
    rounds.push({
      order,
      system: sys,
      baseline: base,
      ratios: {
        throughput: round(sys.requests_per_second / base.requests_per_second, 3),
        p99: round(sys.latency_ms.p99 / base.latency_ms.p99, 3),
      },
    });
  }
  const ratios = {
    throughput: median(rounds.map((r) => r.ratios.throughput)),
    p99: median(rounds.map((r) => r.ratios.p99)),
  };
  // The sides' figures shown and recorded are those of the round with the median throughput ratio.
  const shown = rounds.find((r) => r.ratios.throughput === ratios.throughput);
  const { system, baseline } = shown;
  const pass = {
    throughput: ratios.throughput >= TARGET.min_throughput_ratio,
    p99: ratios.p99 <= TARGET.max_p99_ratio,
  };
  const passed = pass.throughput && pass.p99;

  const version = (file) => packageVersion(ROOT, file);
  const report = {
    benchmark: 'persons-create',
    date: new Date().toISOString(),
    app_version: version('package.json'),
    git: gitState(ROOT),
    machine,
    settings: {
      endpoint: 'POST /v1/persons',
      mode: settings.mode,
      connections: settings.connections,
      duration_s: settings.duration,
      warmup_s: settings.warmup,
      order: settings.order,
      rounds: settings.rounds,
      db_pool_size: settings.poolSize,
      log_level: 'warn',
      autocannon_version: version('node_modules/autocannon/package.json'),
      fastify_version: version('node_modules/fastify/package.json'),
      pg_version: version('node_modules/pg/package.json'),
    },
    system,
    baseline,
    ratios: {
      throughput_system_over_baseline: ratios.throughput,
      p99_system_over_baseline: ratios.p99,
    },
    ...(rounds.length > 1
      ? {
          rounds: rounds.map((r, i) => ({
            round: i + 1,
            order: r.order,
            shown: r === shown,
            system: roundFigures(r.system),
            baseline: roundFigures(r.baseline),
            throughput_ratio: r.ratios.throughput,
            p99_ratio: r.ratios.p99,
          })),
        }
      : {}),
    target: { ...TARGET, throughput_ok: pass.throughput, p99_ok: pass.p99, pass: passed },
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, JSON.stringify(report, null, 2) + '\n');

  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const row = (label, r) => [
    label,
    r.requests_per_second,
    r.latency_ms.p50,
    r.latency_ms.p99,
    r.ok_2xx,
    r.cpu?.server_ms_per_request ?? '-',
    r.cpu?.postgres_ms_per_request ?? '-',
    r.cpu?.other_cpus_busy ?? '-',
  ];
  process.stdout.write(
    [
      '',
      `persons-create (${settings.mode} mode): ${settings.connections} connections, ${settings.duration} s per side (${settings.warmup} s warm-up)${rounds.length > 1 ? `, ${rounds.length} rounds` : ''}`,
      `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB RAM, Node ${machine.node_version}`,
      pgVersion,
      '',
      table([
        [
          '',
          'req/s',
          'p50 ms',
          'p99 ms',
          'requests',
          'server CPU ms/req',
          'PG CPU ms/req',
          'other load (CPUs)',
        ],
        row('system (Nest app)', system),
        row('baseline (Fastify+pg)', baseline),
      ]),
      ...(rounds.length > 1
        ? [
            '',
            table([
              [
                'round',
                'order',
                'system req/s',
                'baseline req/s',
                'throughput ratio',
                'p99 ratio',
                'other load',
              ],
              ...rounds.map((r, i) => [
                `${i + 1}${r === shown ? ' (shown)' : ''}`,
                r.order.join(','),
                r.system.requests_per_second,
                r.baseline.requests_per_second,
                r.ratios.throughput,
                r.ratios.p99,
                Math.max(r.system.cpu?.other_cpus_busy ?? 0, r.baseline.cpu?.other_cpus_busy ?? 0),
              ]),
            ]),
            `median of ${rounds.length} rounds:`,
          ]
        : []),
      '',
      `throughput ratio system/baseline: ${ratios.throughput}  (target >= ${TARGET.min_throughput_ratio}) ${verdict(pass.throughput)}`,
      `p99 ratio system/baseline:        ${ratios.p99}  (target <= ${TARGET.max_p99_ratio}) ${verdict(pass.p99)}`,
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

await runMain('bench/persons-create', main, { strict: settings.strict, cleanup });
