#!/usr/bin/env node
// bench/review-queue: the compliance review queue's SQL (GET /admin/review-cases: first page + total) on
// a realistic data set, against the same SQL on a copy of `identifications` without the review indexes,
// in one run on one throw-away database. Prints p50/p95/p99 per query and side, the ratio
// system/baseline, the EXPLAIN (ANALYZE, BUFFERS) plans and the 30 ms target check; writes
// bench/results/review-queue.json.
//
//   npm run bench:review-queue                                           # build, then 1,000,000 rows, 200 iterations
//   node bench/review-queue/run.mjs --identifications 100000 --open 10000 --iterations 50   # quick (after npm run build)
//
// Settings (flag or BENCH_<NAME> env):
//   --identifications n  rows in identifications (1000000)   --open n          open cases (100000)
//   --iterations n       measured calls per query and side (200)
//   --warmup n           unmeasured calls first (20)           --baseline-iterations n   (same as --iterations)
//   --persons, --officers, --partners, --proposals: the data set (see generate.mjs)
//   --keep-db            keep the database (its URL is printed) instead of dropping it on exit
//   --try "SQL"          a candidate change, e.g. an index: applied to the system side after the main
//                        measurement, measured and explained the same way, then its new indexes are
//                        dropped again (an index it drops stays dropped: give such a candidate last);
//                        repeat the flag for several candidates (each measured alone)
//   --out path           result file   --strict   exit 1 when a query misses the target
// DATABASE_URL: the PostgreSQL server the throw-away database is created on (default
// postgresql://root@127.0.0.1:5432/postgres; the role needs CREATEDB, and superuser for a fast load).
// DB_POOL_SIZE: the pg pool both sides query through (10, the app's default).
//
// The statements are the app's own: the built ReviewRepository.queue() (dist/) runs against a data source
// that hands its two statements (page SELECT and count, in parallel, as the app does) to a pg pool. For the
// baseline the same statements read `identifications_noidx i` instead of `identifications i`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  gitState,
  numberSetting,
  otherLoadWarning,
  packageVersion,
  round,
  runMain,
  setting,
  table,
  waitForQuiet,
  withClient,
} from '../lib/harness.mjs';
import { checkGeneratorSettings, DATABASE_LIB, generate, generatorSettings } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REPOSITORY_LIB = resolve(ROOT, 'dist/libs/identifications/src/review/review.repository.js');
const FILTERS_LIB = resolve(ROOT, 'dist/libs/identifications/src/review/review-queue.filters.js');
const COMMON_LIB = resolve(ROOT, 'dist/libs/common/src/index.js');

const TARGET = { max_p95_ms: 30 };
const BASELINE_TABLE = 'identifications_noidx';

/** The queue requests measured, as the console sends them (react-admin's query string). */
const QUERIES = [
  { name: 'default', label: 'first page, default sort', filter: {} },
  {
    name: 'pending_failed_overdue',
    label: 'status=pending_failed + age=overdue',
    filter: { status: 'pending_failed', age: 'overdue' },
  },
  { name: 'mine_de', label: 'assignee=me + language=DE', filter: { assignee: 'me', language: 'DE' } },
  // Single filters on columns the review indexes do not hold: the count must read the heap.
  { name: 'language_de', label: 'language=DE', filter: { language: 'DE' } },
  { name: 'flagged', label: 'flagged=true', filter: { flagged: true } },
  {
    name: 'pending_successful',
    label: 'status=pending_successful',
    filter: { status: 'pending_successful' },
  },
];

function argList(name) {
  const out = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && argv[i + 1] !== undefined) out.push(argv[++i]);
    else if (argv[i].startsWith(`--${name}=`)) out.push(argv[i].slice(name.length + 3));
  }
  return out;
}

const settings = {
  ...generatorSettings(),
  iterations: numberSetting('iterations', 200),
  warmup: numberSetting('warmup', 20),
  keepDb: process.argv.includes('--keep-db') || process.env.BENCH_KEEP_DB === '1',
  strict: process.argv.includes('--strict') || process.env.BENCH_STRICT === '1',
  candidates: argList('try'),
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  poolSize: Number(process.env.DB_POOL_SIZE || 10),
};
settings.baselineIterations = numberSetting('baseline-iterations', settings.iterations);
function usage(msg) {
  process.stderr.write(`bench/review-queue: ${msg} (the settings are listed at the top of run.mjs)\n`);
  process.exit(2);
}
checkGeneratorSettings(settings, usage);
for (const k of ['iterations', 'baselineIterations']) {
  if (!Number.isInteger(settings[k]) || settings[k] < 1) usage(`--${k} must be a whole number from 1`);
}
const quick = settings.identifications < 1_000_000 || settings.iterations < 200;
settings.out = resolve(ROOT, setting('out', `bench/results/review-queue${quick ? '.quick' : ''}.json`));

const log = (msg) => process.stderr.write(`${msg}\n`);
const cleanup = cleanupStack();

/** Officer k's id as generate.mjs writes it: md5('officer-' || k)::uuid. */
const officerId = (k) => {
  const h = createHash('md5').update(`officer-${k}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** Nearest-rank percentile of sorted numbers. */
const pct = (sorted, p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return {
    p50: round(pct(s, 0.5)),
    p95: round(pct(s, 0.95)),
    p99: round(pct(s, 0.99)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    min: round(s[0]),
    max: round(s[s.length - 1]),
  };
}

/**
 * The DataSource the repository needs, as far as queue() uses it: `query(sql, params)` answering rows.
 * `table` rewrites the identifications the statements read (the baseline); `record` gets each
 * statement's text, parameters and time.
 */
function dataSource(pool, table, record) {
  return {
    async query(sql, params) {
      const text =
        table === 'identifications' ? sql : sql.replace(/FROM identifications i\b/g, `FROM ${table} i`);
      if (table !== 'identifications' && text === sql)
        throw new Error(`statement does not read "FROM identifications i": ${sql}`);
      const t = performance.now();
      const res = await pool.query(text, params);
      record?.({
        kind: /^\s*SELECT count\(\*\)/.test(sql) ? 'count' : 'page',
        sql: text,
        params,
        ms: performance.now() - t,
      });
      return res.rows;
    },
  };
}

async function main() {
  for (const f of [DATABASE_LIB, REPOSITORY_LIB, FILTERS_LIB, COMMON_LIB]) {
    if (!existsSync(f)) throw new Error(`${relative(ROOT, f)} is missing: run \`npm run build\` first`);
  }
  const { ReviewRepository } = await import(pathToFileURL(REPOSITORY_LIB).href);
  const { REVIEW_QUEUE } = await import(pathToFileURL(FILTERS_LIB).href);
  const { parseListQuery } = await import(pathToFileURL(COMMON_LIB).href);
  const { machine, pgVersion } = await describeMachine(settings.databaseUrl, log);
  const pgSettings = await withClient(settings.databaseUrl, async (c) =>
    Object.fromEntries(
      (
        await c.query(
          `SELECT name, setting || coalesce(' ' || unit, '') AS v FROM pg_settings
            WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit',
                           'max_parallel_workers_per_gather', 'effective_io_concurrency')`,
        )
      ).rows.map((r) => [r.name, r.v]),
    ),
  );

  const dbName = `kyc_bench_${process.pid}_review_queue`;
  const dbUrl = await createDatabase(settings.databaseUrl, dbName);
  cleanup.add(async () => {
    if (settings.keepDb) log(`kept ${dbName}: ${dbUrl}`);
    else await dropDatabase(settings.databaseUrl, dbName);
  });
  const { runMigrations } = await import(pathToFileURL(DATABASE_LIB).href);
  log(`${dbName}: migrating`);
  await runMigrations(dbUrl);
  log(
    `${dbName}: generating ${settings.identifications} identifications, ${settings.open} open cases, ${settings.persons} persons`,
  );
  const data = await generate(dbUrl, settings);
  log(`generated in ${data.seconds} s`);

  // Baseline: the same rows without the review indexes (primary key only), settled the same way.
  let t = performance.now();
  await withClient(dbUrl, async (c) => {
    await c.query(`CREATE TABLE ${BASELINE_TABLE} AS SELECT * FROM identifications`);
    await c.query(`ALTER TABLE ${BASELINE_TABLE} ADD PRIMARY KEY (id)`);
    await c.query(`VACUUM (ANALYZE) ${BASELINE_TABLE}`);
  });
  data.baseline_copy_seconds = round((performance.now() - t) / 1000, 1);
  data.sizes = await withClient(
    dbUrl,
    async (c) =>
      (
        await c.query(
          `SELECT c.relname AS name, c.relkind AS kind, pg_relation_size(c.oid) AS bytes,
                  pg_size_pretty(pg_relation_size(c.oid)) AS size
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')
              AND (c.relname LIKE 'identifications%' OR c.relname LIKE 'persons%' OR c.relname LIKE 'review_proposals%')
            ORDER BY pg_relation_size(c.oid) DESC`,
        )
      ).rows,
  );

  const me = officerId(1);
  const listQuery = (q) =>
    parseListQuery(
      { sort: JSON.stringify(REVIEW_QUEUE.defaultSort), range: '[0,24]', filter: JSON.stringify(q.filter) },
      REVIEW_QUEUE,
    );
  const pool = new pg.Pool({ connectionString: dbUrl, max: settings.poolSize });
  let poolEnded = false;
  const endPool = async () => {
    if (!poolEnded) ((poolEnded = true), await pool.end());
  };
  cleanup.add(endPool);
  const repoFor = (table, record) => new ReviewRepository(dataSource(pool, table, record));

  /** One queue() call as the app makes it: both statements in parallel; the times of each. */
  async function call(table, q) {
    const parts = {};
    const repo = repoFor(table, (r) => (parts[r.kind] = r.ms));
    const t0 = performance.now();
    const result = await repo.queue(q, { me, now: new Date() });
    return { ms: performance.now() - t0, page: parts.page, count: parts.count, result };
  }

  async function measure(side, table, q, iterations) {
    for (let i = 0; i < settings.warmup; i++) await call(table, q);
    await checkpoint(settings.databaseUrl);
    const quiet = await waitForQuiet(`${side}`, 60, log);
    const before = cpuSample(0, dbName);
    const total = [];
    const page = [];
    const count = [];
    for (let i = 0; i < iterations; i++) {
      const r = await call(table, q);
      total.push(r.ms);
      page.push(r.page);
      count.push(r.count);
    }
    const cpu = cpuDelta(before, cpuSample(0, dbName), iterations);
    return {
      iterations,
      queue_ms: stats(total),
      page_ms: stats(page),
      count_ms: stats(count),
      postgres_cpu_ms_per_call: cpu?.postgres_ms_per_request ?? null,
      other_cpus_busy: cpu?.other_cpus_busy ?? null,
      machine_cpus_busy_before: quiet.machine_cpus_busy_before,
    };
  }

  /** The two statements of one call, and their EXPLAIN (ANALYZE, BUFFERS) texts. */
  async function explain(table, q) {
    const statements = [];
    const capture = {
      query: async (sql, params) => {
        const text =
          table === 'identifications' ? sql : sql.replace(/FROM identifications i\b/g, `FROM ${table} i`);
        statements.push({ kind: /^\s*SELECT count\(\*\)/.test(sql) ? 'count' : 'page', sql: text, params });
        return statements.length === 2 ? [{ total: 0 }] : [];
      },
    };
    await new ReviewRepository(capture).queue(q, { me, now: new Date() });
    const out = {};
    for (const s of statements) {
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      out[s.kind] = {
        sql: s.sql.replace(/\s+/g, ' ').trim(),
        params: s.params,
        plan: rows.map((r) => r['QUERY PLAN']),
      };
    }
    return out;
  }

  const results = [];
  for (const spec of QUERIES) {
    const q = listQuery(spec);
    const sys = await call('identifications', q);
    const base = await call(BASELINE_TABLE, q);
    const ids = (r) => r.result.rows.map((x) => x.id).join(',');
    if (ids(sys) !== ids(base) || sys.result.total !== base.result.total) {
      throw new Error(`${spec.name}: system and baseline answer different rows or totals`);
    }
    log(`${spec.name}: ${sys.result.rows.length} rows of ${sys.result.total}; measuring system`);
    const system = await measure(`${spec.name} system`, 'identifications', q, settings.iterations);
    log(`${spec.name}: measuring baseline`);
    const baseline = await measure(`${spec.name} baseline`, BASELINE_TABLE, q, settings.baselineIterations);
    results.push({
      name: spec.name,
      label: spec.label,
      filter: spec.filter,
      list_query: q,
      rows: sys.result.rows.length,
      total: sys.result.total,
      system,
      baseline,
      ratio_p50: round(system.queue_ms.p50 / baseline.queue_ms.p50, 3),
      ratio_p95: round(system.queue_ms.p95 / baseline.queue_ms.p95, 3),
      target_ok: system.queue_ms.p95 < TARGET.max_p95_ms,
      plans: {
        system: await explain('identifications', q),
        baseline: await explain(BASELINE_TABLE, q),
      },
    });
  }

  // Candidates: each change alone on the system side, measured and explained, then its indexes dropped.
  const candidates = [];
  for (const sql of settings.candidates) {
    const indexes = async () =>
      withClient(dbUrl, async (c) =>
        (await c.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`)).rows.map(
          (r) => r.indexname,
        ),
      );
    const had = new Set(await indexes());
    log(`candidate: ${sql}`);
    t = performance.now();
    await withClient(dbUrl, async (c) => {
      await c.query(sql);
      await c.query('VACUUM (ANALYZE) identifications');
    });
    const applySeconds = round((performance.now() - t) / 1000, 1);
    const added = (await indexes()).filter((n) => !had.has(n));
    const sizes = added.length
      ? (
          await withClient(dbUrl, (c) =>
            c.query(
              `SELECT relname AS name, pg_size_pretty(pg_relation_size(oid)) AS size FROM pg_class WHERE relname = ANY($1)`,
              [added],
            ),
          )
        ).rows
      : [];
    const queries = [];
    for (const spec of QUERIES) {
      const q = listQuery(spec);
      const system = await measure(`candidate ${spec.name}`, 'identifications', q, settings.iterations);
      const before = results.find((r) => r.name === spec.name);
      queries.push({
        name: spec.name,
        system,
        p95_before_ms: before.system.queue_ms.p95,
        target_ok: system.queue_ms.p95 < TARGET.max_p95_ms,
        plans: await explain('identifications', q),
      });
    }
    candidates.push({ sql, apply_seconds: applySeconds, indexes_added: sizes, queries });
    await withClient(dbUrl, async (c) => {
      for (const name of added) await c.query(`DROP INDEX ${name}`);
      await c.query('ANALYZE identifications');
    });
  }
  await endPool();

  const passed = results.every((r) => r.target_ok);
  const report = {
    benchmark: 'review-queue',
    date: new Date().toISOString(),
    app_version: packageVersion(ROOT, 'package.json'),
    git: gitState(ROOT),
    machine,
    postgresql_settings: pgSettings,
    settings: {
      endpoint: 'GET /admin/review-cases (ReviewRepository.queue: page SELECT LIMIT 25 + count, in parallel)',
      identifications: settings.identifications,
      open: settings.open,
      persons: settings.persons,
      officers: settings.officers,
      partners: settings.partners,
      proposals: settings.proposals,
      iterations: settings.iterations,
      baseline_iterations: settings.baselineIterations,
      warmup: settings.warmup,
      db_pool_size: settings.poolSize,
      me: `${me} (officer 1)`,
      baseline: `${BASELINE_TABLE}: CREATE TABLE AS SELECT * FROM identifications, primary key only, VACUUM ANALYZE`,
      pg_version: packageVersion(ROOT, 'node_modules/pg/package.json'),
    },
    data,
    queries: results,
    candidates,
    target: { ...TARGET, pass: passed },
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, JSON.stringify(report, null, 2) + '\n');

  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const lines = [''];
  for (const r of results) {
    for (const side of ['system', 'baseline']) {
      for (const kind of ['page', 'count']) {
        const p = r.plans[side][kind];
        lines.push(`--- ${r.name} ${side} ${kind}: ${p.sql}`, `    params ${JSON.stringify(p.params)}`);
        lines.push(...p.plan.map((l) => `    ${l}`));
      }
    }
  }
  for (const cnd of candidates) {
    for (const r of cnd.queries) {
      for (const kind of ['page', 'count']) {
        lines.push(
          `--- candidate ${r.name} ${kind} (${cnd.sql})`,
          ...r.plans[kind].plan.map((l) => `    ${l}`),
        );
      }
    }
  }
  const row = (r, side) => [
    side === 'system' ? r.label : '',
    side,
    r[side].queue_ms.p50,
    r[side].queue_ms.p95,
    r[side].queue_ms.p99,
    r[side].page_ms.p95,
    r[side].count_ms.p95,
    r[side].postgres_cpu_ms_per_call ?? '-',
    r[side].other_cpus_busy ?? '-',
    side === 'system' ? r.ratio_p95 : '',
    side === 'system' ? verdict(r.target_ok) : '',
  ];
  lines.push(
    '',
    `review-queue: ${settings.identifications} identifications, ${settings.open} open cases, ${settings.iterations} iterations per query and side (${settings.warmup} warm-up)`,
    `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB RAM, Node ${machine.node_version}`,
    pgVersion,
    `data generated in ${data.seconds} s (baseline copy ${data.baseline_copy_seconds} s)`,
    '',
    table([
      [
        'query',
        'side',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'page p95',
        'count p95',
        'PG CPU ms/call',
        'other load',
        'p95 ratio',
        `p95 < ${TARGET.max_p95_ms} ms`,
      ],
      ...results.flatMap((r) => [row(r, 'system'), row(r, 'baseline')]),
    ]),
  );
  if (candidates.length) {
    lines.push('');
    for (const cnd of candidates) {
      lines.push(`candidate: ${cnd.sql} (${cnd.indexes_added.map((i) => `${i.name} ${i.size}`).join(', ')})`);
      lines.push(
        table([
          ['query', 'p95 before', 'p50', 'p95', 'p99', 'page p95', 'count p95', 'target'],
          ...cnd.queries.map((r) => [
            r.name,
            r.p95_before_ms,
            r.system.queue_ms.p50,
            r.system.queue_ms.p95,
            r.system.queue_ms.p99,
            r.system.page_ms.p95,
            r.system.count_ms.p95,
            verdict(r.target_ok),
          ]),
        ]),
      );
    }
  }
  lines.push(
    '',
    `target (p95 < ${TARGET.max_p95_ms} ms for every query): ${verdict(passed)}`,
    ...otherLoadWarning(results.flatMap((r) => [r.system.other_cpus_busy, r.baseline.other_cpus_busy])),
    `results: ${relative(ROOT, settings.out)}`,
    '',
  );
  process.stdout.write(lines.join('\n'));
  return passed;
}

await runMain('bench/review-queue', main, { strict: settings.strict, cleanup });
