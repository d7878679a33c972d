#!/usr/bin/env node
// bench/support-search: the support desk's search box (GET /admin/support/search) at a million persons.
// The built api (dist/apps/api/src/main.js) serves a throw-away PostgreSQL database (kyc_bench_support,
// dropped and recreated) filled by generate.mjs; a signed-in support agent sends the queries over HTTP one
// at a time. The same run times, inside the database, the app's own statements (the built
// SupportSearchRepository) and the baseline: `ILIKE '%…%'` on copies of the tables without indexes.
// Prints p50/p95/p99 per kind, the ratio baseline/system, how often the wanted person was found, and the
// EXPLAIN (ANALYZE, BUFFERS) plans; writes bench/results/support-search.json.
//
//   npm run bench:support-search                                       # build, 1,000,000 persons, 200 queries a kind
//   node bench/support-search/run.mjs --persons 100000 --iterations 50  # quick (after npm run build)
//
// Settings (flag or BENCH_<NAME> env): --persons n (1000000)  --iterations n (200)  --warmup n (20)
//   --baseline-iterations n (50: each baseline question scans a whole table)
//   --partners n (5)  --keep-db (keep the database)  --out path  --strict (exit 1 when a target is missed)
// DATABASE_URL: the PostgreSQL server (default postgresql://root@127.0.0.1:5432/postgres; the role needs CREATEDB).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
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

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const API_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js'); // started by startApiAs
const DATABASE_LIB = resolve(ROOT, 'dist/libs/database/src/index.js');
const SEARCH_LIB = resolve(ROOT, 'dist/libs/support/src/search/support-search.repository.js');
const DB_NAME = 'kyc_bench_support';
const TARGET_P95_MS = { fuzzy: 50, exact: 5 };
const LIMIT = 10;

const settings = {
  persons: numberSetting('persons', 1_000_000),
  iterations: numberSetting('iterations', 200),
  warmup: numberSetting('warmup', 20),
  // Each baseline question scans the whole table (about a second at 1M): fewer of them give a steady p95.
  baselineIterations: numberSetting('baseline-iterations', 50),
  partners: numberSetting('partners', 5),
  keepDb: process.argv.includes('--keep-db') || process.env.BENCH_KEEP_DB === '1',
  strict: process.argv.includes('--strict') || process.env.BENCH_STRICT === '1',
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
};
const quick = settings.persons < 1_000_000 || settings.iterations < 200;
settings.out = resolve(ROOT, setting('out', `bench/results/support-search${quick ? '.quick' : ''}.json`));
const log = (msg) => process.stderr.write(`${msg}\n`);
const cleanup = cleanupStack();

/** Nearest-rank percentiles of a list of milliseconds. */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => round(s[Math.max(0, Math.ceil(p * s.length) - 1)]);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(s.at(-1)) };
}

/** Deterministic pseudo-random numbers, so two runs ask the same questions. */
function lcg(seed) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const plain = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/ı/g, 'i');
/** One typing slip in the surname: two neighbouring letters swapped ("Schmidt" → "Schmitd"). */
function slip(name, rnd) {
  if (name.length < 5) return name;
  const i = 1 + Math.floor(rnd() * (name.length - 3));
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}

/** What support agents type, per kind, for persons picked at random; `want` is the person to find. */
async function questions(dbUrl) {
  const rnd = lcg(20261127);
  const picks = Array.from({ length: settings.iterations + settings.warmup }, () =>
    Math.ceil(rnd() * settings.persons),
  );
  const rows = await withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT p.id, p.first_name, p.last_name, p.email, p.mobile_number, to_char(p.birth_date, 'DD.MM.YYYY') AS birth,
              i.id AS identification_id, i.reference
         FROM unnest($1::int[]) WITH ORDINALITY AS g(n, ord)
         JOIN persons p ON p.id = (md5('person-' || g.n) || 'cper')::char(36)
         LEFT JOIN LATERAL (SELECT id, reference FROM identifications i
                             WHERE i.partner_id = p.partner_id AND i.person_id = p.id
                             ORDER BY created_at DESC LIMIT 1) i ON true
        ORDER BY g.ord`,
      [picks],
    );
    return rows;
  });
  const withIdt = rows.filter((r) => r.identification_id);
  const cycle = (list, n) => Array.from({ length: n }, (_, k) => list[k % list.length]);
  const n = rows.length;
  const national = (m) => `0${m.slice(3, 6)} ${m.slice(6, 10)} ${m.slice(10)}`;
  return {
    fuzzy: rows.map((r, k) => {
      const variants = [
        `${plain(r.first_name)} ${plain(r.last_name)}`, // "Hans Muller" for Hans Müller
        `${r.first_name} ${r.last_name}`,
        `${plain(r.first_name)} ${slip(plain(r.last_name), rnd)}`,
        `${r.last_name} ${r.birth}`,
      ];
      const q = variants[k % variants.length];
      return { q, want: r.id, baseline: q.replace(/ \d\d\.\d\d\.\d{4}$/, '') };
    }),
    // A surname alone, accents dropped: the widest name question (every namesake is a candidate).
    surname: rows.map((r) => ({ q: plain(r.last_name), want: r.id, baseline: plain(r.last_name) })),
    person_id: rows.map((r) => ({ q: r.id, want: r.id, baseline: r.id })),
    identification_id: cycle(withIdt, n).map((r) => ({
      q: r.identification_id,
      want: r.id,
      baseline: r.identification_id,
    })),
    reference: cycle(withIdt, n).map((r) => ({
      q: r.reference.toLowerCase(),
      want: r.id,
      baseline: r.reference,
    })),
    email: rows.map((r) => ({ q: r.email.toUpperCase(), want: r.id, baseline: r.email.toUpperCase() })),
    phone: rows.map((r) => ({
      q: national(r.mobile_number),
      want: r.id,
      baseline: national(r.mobile_number),
    })),
  };
}

/** The baseline: what a search without the search's design does, `ILIKE '%…%'` on tables without indexes. */
const BASELINE_SQL = {
  fuzzy: `SELECT id FROM persons_noidx WHERE first_name || ' ' || last_name ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
  surname: `SELECT id FROM persons_noidx WHERE first_name || ' ' || last_name ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
  person_id: `SELECT id FROM persons_noidx WHERE id ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
  identification_id: `SELECT person_id AS id FROM identifications_noidx WHERE id ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
  reference: `SELECT person_id AS id FROM identifications_noidx WHERE reference ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
  email: `SELECT id FROM persons_noidx WHERE email ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
  phone: `SELECT id FROM persons_noidx WHERE mobile_number ILIKE '%' || $1 || '%' LIMIT ${LIMIT}`,
};

/** The app's statement for one question, run by the built repository on `client` inside a transaction. */
async function systemInDb(repo, client, kind, q) {
  let ms = 0;
  let plan = null;
  let setup = null;
  const tx = {
    async query(sql, params) {
      // The search's settings for its transaction (threshold, no JIT): timed, and replayed for EXPLAIN.
      if (/^\s*(SET LOCAL|SELECT set_config)/.test(sql)) {
        setup = { sql, params };
      }
      const t = performance.now();
      const res = await client.query(sql, params);
      ms += performance.now() - t;
      plan = { sql, params, setup };
      return res.rows;
    },
  };
  await client.query('BEGIN');
  let rows;
  try {
    if (kind === 'fuzzy' || kind === 'surname') {
      const m = / (\d\d)\.(\d\d)\.(\d{4})$/.exec(q);
      const name = m ? q.slice(0, m.index) : q;
      rows = await repo.byNameUnscoped(tx, name, m ? `${m[3]}-${m[2]}-${m[1]}` : null, LIMIT);
    } else {
      const method = {
        person_id: 'byPersonIdUnscoped',
        identification_id: 'byIdentificationIdUnscoped',
        reference: 'byReferenceUnscoped',
        email: 'byEmailUnscoped',
        phone: 'byPhoneUnscoped',
      }[kind];
      rows = await repo[method](tx, q, LIMIT);
    }
  } finally {
    await client.query('COMMIT');
  }
  return { ms, ids: rows.map((r) => r.person_id), plan };
}

async function explain(client, { sql, params, setup }) {
  await client.query('BEGIN');
  try {
    if (setup) await client.query(setup.sql, setup.params);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']);
  } finally {
    await client.query('COMMIT');
  }
}

/** A signed-in support agent's search through the api, timed. */
async function supportAgentSearch(dbUrl) {
  const { base, headers } = await startApiAs(ROOT, dbUrl, 'support_agent', cleanup);
  return async (q) => {
    const t = performance.now();
    const res = await fetch(`${base}/admin/support/search?q=${encodeURIComponent(q)}`, { headers });
    const body = await res.json();
    const ms = performance.now() - t;
    if (res.status !== 200)
      throw new Error(`search: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, ids: body.results.map((r) => r.person_id), kind: body.kind };
  };
}

/** Time `ask` over the questions (warm-up first); answers percentiles and the share that found `want`. */
async function measure(list, ask) {
  const times = [];
  const timed = [];
  let found = 0;
  for (const [k, item] of list.entries()) {
    const r = await ask(item);
    if (k < settings.warmup) continue;
    times.push(r.ms);
    timed.push({ q: item.q, ms: round(r.ms, 2) });
    if (r.ids.includes(item.want)) found++;
  }
  // The slowest questions (synthetic names), to see what the tail is made of.
  const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { ...stats(times), found_share: round(found / times.length, 3), slowest };
}

async function main() {
  for (const f of [API_MAIN, DATABASE_LIB, SEARCH_LIB]) {
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
  log(`${DB_NAME}: generating ${settings.persons.toLocaleString('en')} persons`);
  const data = await generate(dbUrl, { persons: settings.persons, partners: settings.partners, log });
  log(`generated in ${data.seconds} s: ${JSON.stringify(data)}`);
  await withClient(dbUrl, async (c) => {
    await c.query(`CREATE TABLE persons_noidx AS
                     SELECT id, partner_id, first_name, last_name, email, mobile_number, birth_date FROM persons`);
    await c.query(
      `CREATE TABLE identifications_noidx AS SELECT id, person_id, reference FROM identifications`,
    );
    await c.query(`VACUUM (ANALYZE) persons_noidx, identifications_noidx`);
  });

  const asked = await questions(dbUrl);
  const { SupportSearchRepository } = await import(pathToFileURL(SEARCH_LIB).href);
  const repo = new SupportSearchRepository(null);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  cleanup.add(() => client.end());
  const search = await supportAgentSearch(dbUrl);

  const results = {};
  const plans = {};
  for (const [kind, list] of Object.entries(asked)) {
    log(`${kind}: ${settings.iterations} questions over HTTP, in the database, and the baseline`);
    const http = await measure(list, async (x) => search(x.q));
    let lastPlan = null;
    const inDb = await measure(list, async (x) => {
      const r = await systemInDb(repo, client, kind, x.q);
      lastPlan = r.plan;
      return r;
    });
    const baseline = await measure(
      list.slice(0, settings.warmup + settings.baselineIterations),
      async (x) => {
        const t = performance.now();
        const { rows } = await client.query(BASELINE_SQL[kind], [x.baseline]);
        return { ms: performance.now() - t, ids: rows.map((r) => r.id) };
      },
    );
    const target = kind === 'fuzzy' || kind === 'surname' ? TARGET_P95_MS.fuzzy : TARGET_P95_MS.exact;
    results[kind] = {
      http,
      in_database: inDb,
      baseline_in_database: baseline,
      ratio_baseline_to_system_p95_in_database: round(baseline.p95 / inDb.p95, 1),
      ratio_baseline_in_database_to_system_http_p95: round(baseline.p95 / http.p95, 1),
      target_p95_ms: target,
      meets_target_http: http.p95 < target,
      meets_target_in_database: inDb.p95 < target,
    };
    plans[kind] = await explain(client, lastPlan);
  }

  const rows = [
    [
      'kind',
      'http p50',
      'http p95',
      'db p50',
      'db p95',
      'baseline p95',
      'ratio (db)',
      'found',
      'baseline found',
    ],
  ];
  for (const [kind, r] of Object.entries(results)) {
    rows.push([
      kind,
      r.http.p50,
      r.http.p95,
      r.in_database.p50,
      r.in_database.p95,
      r.baseline_in_database.p95,
      `${r.ratio_baseline_to_system_p95_in_database}x`,
      r.http.found_share,
      r.baseline_in_database.found_share,
    ]);
  }
  console.log(`\nsupport search, ${data.persons.toLocaleString('en')} persons (ms)\n${table(rows)}`);
  for (const [kind, plan] of Object.entries(plans)) {
    console.log(
      `\n${kind}: indexes used: ${[...new Set(plan.join('\n').match(/\b\w+_idx\b|persons_pkey|identifications_pkey/g) ?? [])].join(', ') || 'none'}`,
    );
  }
  const report = {
    benchmark: 'support-search',
    at: new Date().toISOString(),
    git: gitState(ROOT),
    machine,
    settings: { ...settings, out: relative(ROOT, settings.out), databaseUrl: undefined },
    data,
    limit: LIMIT,
    results,
    plans,
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`written ${relative(ROOT, settings.out)}`);
  return Object.values(results).every((r) => r.meets_target_http || r.meets_target_in_database);
}

await runMain('bench/support-search', main, { strict: settings.strict, cleanup });
