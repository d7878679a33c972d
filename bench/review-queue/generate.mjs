#!/usr/bin/env node
// bench/review-queue/generate.mjs: a realistic review-queue data set on a freshly migrated database, in
// set-based SQL (INSERT … SELECT generate_series, in chunks for the progress bar), then VACUUM ANALYZE.
// Used by run.mjs; also runnable alone (after `npm run build`), which creates, migrates and fills a new
// database and keeps it:
//
//   node bench/review-queue/generate.mjs --identifications 1000000 --open 100000
//
// Settings (flag or BENCH_<NAME> env): --identifications n (1000000)  --open n open cases (100000)
//   --persons n (40 % of identifications)  --officers n compliance officers (20)  --partners n (5)
//   --proposals n pending four-eyes proposals (3000)  --db name (kyc_bench_<pid>_review_queue_data)
// DATABASE_URL: the PostgreSQL server the database is created on (default postgresql://root@127.0.0.1:5432/postgres).
//
// What it writes (every id deterministic, md5-derived uuids in random order, like the app's uuids):
//   partners; staff_users: the officers (compliance_officer) and 2 admins; persons (names, address, birth
//   data; ~2.5 identifications each); identifications: exactly `open` open cases (45 % pending_successful,
//   40 % pending_failed, 15 % flagged finals: successful/failed/canceled with a flag reason; 10 % of the
//   pending_successful flagged identity_data_changed), case_opened_at over the last 72 h skewed to recent
//   (now - 72 h * r^3: ~31 % overdue, ~24 % under an hour), due 24 h later, ~30 % assigned among the
//   officers; the rest closed over the last year (successful 55 %, aborted 15 %, canceled 10 %, failed 9 %,
//   expired 6 %) or still created/pending (5 %, last 14 days); language DE 70 % / EN 30 %; failure reasons
//   from the seed's catalog (FAILURE_CODES) on aborted, canceled, failed and pending_failed;
//   review_proposals: `proposals` pending on random open cases, plus as many resolved ones (confirmed or
//   declined by a second officer) on closed identifications; person_identity_counts as the trigger keeps it.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  cleanupStack,
  createDatabase,
  DEFAULT_DATABASE_URL,
  dropDatabase,
  numberSetting,
  round,
  runMain,
  setting,
  withClient,
} from '../lib/harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = (p) => resolve(ROOT, 'dist', p);
export const DATABASE_LIB = DIST('libs/database/src/index.js');
const FAILURE_CODES_LIB = DIST('libs/identifications/src/rules/failure-codes.js');
const DECISION_REASONS_LIB = DIST('libs/identifications/src/rules/decision-reasons.js');

/** Large prime: g -> (g * P) mod N is a permutation of 0..N-1 for N < P, so exactly `open` rows rank below `open`. */
const RANK_PRIME = 2_147_483_647n;
const CHUNK = 50_000;

export function generatorSettings() {
  const identifications = numberSetting('identifications', 1_000_000);
  return {
    identifications,
    open: numberSetting('open', 100_000),
    persons: numberSetting('persons', Math.max(1, Math.round(identifications * 0.4))),
    officers: numberSetting('officers', 20),
    partners: numberSetting('partners', 5),
    proposals: numberSetting('proposals', 3000),
  };
}

export function checkGeneratorSettings(s, usage) {
  for (const k of ['identifications', 'persons', 'officers', 'partners']) {
    if (!Number.isInteger(s[k]) || s[k] < 1) usage(`--${k} must be a whole number from 1`);
  }
  if (!Number.isInteger(s.open) || s.open > s.identifications)
    usage('--open must be at most --identifications');
  if (BigInt(s.identifications) >= RANK_PRIME) usage('--identifications is too large');
  if (!Number.isInteger(s.proposals) || s.proposals > s.open) usage('--proposals must be at most --open');
}

/** Officer k (1-based) has a fixed id, so the benchmark can ask for "assignee = me" as one of them. */
export const officerIdSql = (k) => `md5('officer-' || ${k})::uuid`;

/** A progress bar on stderr: redrawn in place on a terminal, one line per step otherwise. */
function progressBar(total, label = 'generate') {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let done = 0;
  let lastLine = '';
  const draw = (step, final = false) => {
    const width = 30;
    const frac = total ? Math.min(1, done / total) : 1;
    const filled = Math.round(frac * width);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}%  ${secs} s  ${step}`;
    if (tty) process.stderr.write(`\r${line.padEnd(lastLine.length)}${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
    lastLine = line;
  };
  return {
    advance(units, step) {
      done += units;
      draw(step);
    },
    show: (step) => tty && draw(step),
    finish: (step) => draw(step, true),
  };
}

const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Emma',
  'Felix',
  'Greta',
  'Hannah',
  'Jonas',
  'Julia',
  'Karl',
  'Lea',
  'Lukas',
  'Marie',
  'Max',
  'Mia',
  'Noah',
  'Paul',
  'Sophie',
  'Tom',
  'Jane',
  'John',
  'Laura',
  'Leon',
];
const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Hartmann',
  'Krüger',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Köhler',
  'Maier',
  'Kaiser',
  'Fuchs',
  'Doe',
  'Smith',
];
const CITIES = [
  'Berlin',
  'Hamburg',
  'München',
  'Köln',
  'Frankfurt am Main',
  'Stuttgart',
  'Leipzig',
  'Dresden',
];

const PERSONS_SQL = `
  INSERT INTO persons (id, partner_id, salutation, first_name, last_name, address_line_1, address_line_2,
                       address_postal_code, address_city, address_country, email, mobile_number, birth_date,
                       birth_city, birth_country, nationality, terms_conditions_signed_at, data_terms_signed_at,
                       created_at, updated_at)
  SELECT md5('person-' || n)::uuid::text, 'bench-partner-' || (n % $3),
         CASE WHEN n % 2 = 0 THEN 'MS' ELSE 'MR' END,
         ($4::text[])[1 + n % cardinality($4::text[])],
         ($5::text[])[1 + (n / 7) % cardinality($5::text[])] || CASE WHEN n % 3 = 0 THEN '-' || ($5::text[])[1 + (n / 11) % cardinality($5::text[])] ELSE '' END,
         'Musterstraße ' || (1 + n % 180), CASE WHEN n % 5 = 0 THEN 'Hinterhaus' END,
         lpad((1067 + (n * 37) % 98000)::text, 5, '0'), ($6::text[])[1 + (n / 3) % cardinality($6::text[])], 'DE',
         'person' || n || '@example.com', '+49' || (1500000000 + (n * 7919) % 99999999),
         date '1950-01-01' + ((n * 131) % 19700)::int, ($6::text[])[1 + (n / 13) % cardinality($6::text[])], 'DE',
         CASE WHEN n % 10 = 0 THEN 'AT' ELSE 'DE' END,
         created, created, created, created
    FROM (SELECT n, now() - interval '400 days' * random() AS created
            FROM generate_series($1::bigint, $2::bigint) n OFFSET 0) a`;

/**
 * One chunk of identifications. $1..$2 row numbers, $3 total rows, $4 open cases, $5 persons,
 * $6 partners, $7 officers, $8 failure codes, $9 rank prime. Randoms first (OFFSET 0 keeps each row's
 * draws fixed), then status and times, then the row.
 */
const IDENTIFICATIONS_SQL = `
  INSERT INTO identifications (id, partner_id, person_id, method, status, language, reference, url, url_expires_at,
                               failure_reason, provider_result, completed_at, requested_at, review_started_at, flagged,
                               flag_reasons, version, created_at, updated_at, case_opened_at, case_due_at, assignee_id,
                               assigned_at)
  SELECT md5('identification-' || g)::uuid::text, 'bench-partner-' || (pn % $6), md5('person-' || pn)::uuid::text,
         'idnow', status, CASE WHEN r_lang < 0.7 THEN 'DE' ELSE 'EN' END,
         'BENCH-' || g, 'https://go.test.idnow.de/kycbench/identifications/' || md5('identification-' || g)::uuid,
         created + interval '14 days',
         CASE WHEN status IN ('aborted', 'canceled', 'failed', 'pending_failed')
              THEN ($8::text[])[1 + floor(r_code * cardinality($8::text[]))::int] END,
         CASE status WHEN 'successful' THEN CASE WHEN r_code < 0.8 THEN 'SUCCESS' ELSE 'SUCCESS_DATA_CHANGED' END
                     WHEN 'pending_successful' THEN 'REVIEW_PENDING'
                     WHEN 'pending_failed' THEN 'FRAUD_SUSPICION_PENDING'
                     WHEN 'failed' THEN 'FRAUD_SUSPICION_CONFIRMED'
                     WHEN 'aborted' THEN 'ABORTED'
                     WHEN 'canceled' THEN 'CANCELED' END,
         CASE WHEN status IN ('successful', 'aborted', 'canceled', 'failed', 'expired') THEN finished END,
         created + interval '30 seconds',
         CASE WHEN status IN ('pending_successful', 'pending_failed') THEN opened END,
         flag IS NOT NULL, CASE WHEN flag IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(flag) END,
         1 + floor(r_code * 3)::int + CASE WHEN opened IS NULL THEN 0 ELSE 1 END,
         created, coalesce(opened, finished, created), opened, opened + interval '24 hours',
         CASE WHEN opened IS NOT NULL AND r_assign < 0.3 THEN md5('officer-' || (1 + floor(r_officer * $7)::int))::uuid END,
         CASE WHEN opened IS NOT NULL AND r_assign < 0.3 THEN opened + (now() - opened) * r_officer END
    FROM (
      SELECT g, pn, r_lang, r_code, r_assign, r_officer,
             CASE WHEN is_open THEN
                    CASE WHEN u < 0.45 THEN 'pending_successful' WHEN u < 0.85 THEN 'pending_failed'
                         WHEN r_status < 0.6 THEN 'successful' WHEN r_status < 0.85 THEN 'failed' ELSE 'canceled' END
                  WHEN r_status < 0.55 THEN 'successful' WHEN r_status < 0.70 THEN 'aborted'
                  WHEN r_status < 0.80 THEN 'canceled' WHEN r_status < 0.89 THEN 'failed'
                  WHEN r_status < 0.95 THEN 'expired' WHEN r_status < 0.98 THEN 'pending' ELSE 'created' END AS status,
             CASE WHEN is_open AND u >= 0.85 THEN
                    (ARRAY['provider_contradiction', 'provider_disagrees', 'identity_data_changed', 'missing_proof_of_address'])[1 + floor(r_flag * 4)::int]
                  WHEN is_open AND u < 0.45 AND r_flag < 0.1 THEN 'identity_data_changed' END AS flag,
             opened,
             CASE WHEN is_open THEN opened - interval '5 minutes' - interval '55 minutes' * r_age
                  WHEN r_status >= 0.95 THEN now() - interval '14 days' * r_time
                  ELSE now() - interval '365 days' * r_time END AS created,
             CASE WHEN is_open THEN opened
                  WHEN r_status < 0.95 THEN now() - interval '365 days' * r_time + interval '10 minutes' + interval '50 minutes' * r_age
             END AS finished
        FROM (
          SELECT *, rank < $4 AS is_open, rank::float8 / greatest($4, 1) AS u,
                 CASE WHEN rank < $4 THEN now() - interval '72 hours' * r_time ^ 3 END AS opened
            FROM (
              SELECT g, 1 + (g * 7919) % $5 AS pn, (g * $9::bigint) % $3 AS rank,
                     random() AS r_status, random() AS r_time, random() AS r_age, random() AS r_lang,
                     random() AS r_code, random() AS r_assign, random() AS r_officer, random() AS r_flag
                FROM generate_series($1::bigint, $2::bigint) g OFFSET 0
            ) a
        ) b
    ) c`;

/** `steps` of [label, weight, fn(client)], run on one connection with the bar advancing by weight. */
async function runSteps(client, steps, label) {
  const bar = progressBar(
    steps.reduce((s, [, w]) => s + w, 0),
    label,
  );
  const timings = {};
  for (const [name, weight, fn] of steps) {
    bar.show(name);
    const t = performance.now();
    await fn(client);
    const key = name.replace(/ .*/, '');
    timings[key] = round((timings[key] ?? 0) + (performance.now() - t) / 1000);
    bar.advance(weight, name);
  }
  bar.finish('done');
  return timings;
}

/**
 * Fill a freshly migrated database. Answers the seconds spent per step and in all, and what was written.
 */
export async function generate(dbUrl, s) {
  const { FAILURE_CODES } = await import(pathToFileURL(FAILURE_CODES_LIB).href);
  const { DECISION_REASONS } = await import(pathToFileURL(DECISION_REASONS_LIB).href);
  const codes = FAILURE_CODES.map((c) => c.code);
  const started = performance.now();
  return withClient(dbUrl, async (c) => {
    // Bulk load without per-row triggers (foreign-key checks and the persons identity-count trigger):
    // every id is derived, so the references hold; they are checked once at the end, and the identity
    // counts are filled set-based as the migration does. Needs a superuser; without one, triggers run.
    let triggersOff = true;
    try {
      await c.query(`SET session_replication_role = replica`);
    } catch {
      triggersOff = false;
    }
    await c.query(`SELECT setseed(0.42)`);
    const chunks = (total) => {
      const out = [];
      for (let lo = 1; lo <= total; lo += CHUNK) out.push([lo, Math.min(total, lo + CHUNK - 1)]);
      return out;
    };
    const steps = [
      [
        'partners and staff',
        1,
        async () => {
          await c.query(
            `INSERT INTO partners (id, name, created_at)
             SELECT 'bench-partner-' || k, 'Benchmark partner ' || k, now() - interval '2 years'
               FROM generate_series(0, $1 - 1) k`,
            [s.partners],
          );
          await c.query(
            `INSERT INTO staff_users (id, email, display_name, role, password_hash, mfa_enabled_at, created_at)
             SELECT ${officerIdSql('k')}, 'officer' || k || '@bench.example', 'Officer ' || k, 'compliance_officer',
                    '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$YmVuY2hfbm90X2FfcmVhbF9oYXNo', now() - interval '300 days',
                    now() - interval '1 year'
               FROM generate_series(1, $1) k
             UNION ALL
             SELECT md5('admin-' || k)::uuid, 'admin' || k || '@bench.example', 'Admin ' || k, 'admin',
                    '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$YmVuY2hfbm90X2FfcmVhbF9oYXNo', now() - interval '300 days',
                    now() - interval '1 year'
               FROM generate_series(1, 2) k`,
            [s.officers],
          );
        },
      ],
      ...chunks(s.persons).map(([lo, hi]) => [
        `persons ${hi}/${s.persons}`,
        (hi - lo + 1) * 0.6,
        () => c.query(PERSONS_SQL, [lo, hi, s.partners, FIRST_NAMES, LAST_NAMES, CITIES]),
      ]),
      ...chunks(s.identifications).map(([lo, hi]) => [
        `identifications ${hi}/${s.identifications}`,
        hi - lo + 1,
        () =>
          c.query(IDENTIFICATIONS_SQL, [
            lo,
            hi,
            s.identifications,
            s.open,
            s.persons,
            s.partners,
            s.officers,
            codes,
            RANK_PRIME.toString(),
          ]),
      ]),
      [
        'review_proposals',
        s.identifications * 0.02,
        async () => {
          const approve = DECISION_REASONS.approve.map((r) => r.code);
          const reject = DECISION_REASONS.reject.map((r) => r.code);
          // Pending: one per case at most (the unique partial index), proposed by the holder or any officer.
          await c.query(
            `INSERT INTO review_proposals (identification_id, action, reason_code, justification, identification_version,
                                           proposed_by, proposed_at, state)
             SELECT id, CASE WHEN status = 'pending_failed' THEN 'reject' ELSE 'approve' END,
                    CASE WHEN status = 'pending_failed' THEN ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int]
                         ELSE ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] END,
                    'Checked the report, the ID images and the face photo (benchmark data).', version,
                    coalesce(assignee_id, md5('officer-' || (1 + floor(random() * $4)::int))::uuid),
                    case_opened_at + (now() - case_opened_at) * random(), 'pending'
               FROM identifications WHERE case_opened_at IS NOT NULL ORDER BY md5(id) LIMIT $1`,
            [s.proposals, approve, reject, s.officers],
          );
          // History: as many resolved proposals on closed identifications, resolved by another officer.
          await c.query(
            `INSERT INTO review_proposals (identification_id, action, reason_code, justification, identification_version,
                                           proposed_by, proposed_at, state, resolved_by, resolved_at)
             SELECT id, 'approve', ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int],
                    'Evidence verified (benchmark data).', version, md5('officer-' || k)::uuid, updated_at,
                    CASE WHEN random() < 0.9 THEN 'confirmed' ELSE 'declined' END,
                    md5('officer-' || (1 + k % $3::int))::uuid, updated_at + interval '2 hours'
               FROM (SELECT id, version, updated_at, 1 + floor(random() * $3::int)::int AS k
                       FROM identifications WHERE case_opened_at IS NULL AND status = 'successful'
                      ORDER BY md5(id) LIMIT $1) x`,
            [s.proposals, approve, s.officers],
          );
        },
      ],
      [
        'person_identity_counts',
        s.persons * 0.05,
        () =>
          c.query(`INSERT INTO person_identity_counts (partner_id, identity, n)
                   SELECT partner_id, person_identity(first_name, last_name, birth_date, birth_city), count(*)
                     FROM persons GROUP BY 1, 2
                   ON CONFLICT (partner_id, identity) DO UPDATE SET n = person_identity_counts.n + excluded.n`),
      ],
      [
        'check references',
        s.identifications * 0.03,
        async () => {
          const { rows } = await c.query(`
            SELECT (SELECT count(*) FROM identifications i WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = i.person_id))
                 + (SELECT count(*) FROM identifications i WHERE NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = i.partner_id))
                 + (SELECT count(*) FROM identifications i WHERE i.assignee_id IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM staff_users s WHERE s.id = i.assignee_id))
                 + (SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM partners x WHERE x.id = p.partner_id))
                 AS broken`);
          if (Number(rows[0].broken) !== 0)
            throw new Error(`${rows[0].broken} broken references in the data set`);
        },
      ],
      [
        'vacuum analyze',
        s.identifications * 0.25,
        async () => {
          await c.query(`RESET session_replication_role`);
          // A settled table, as autovacuum keeps it: statistics for the planner and the visibility map
          // that index-only scans (the count) rely on.
          await c.query(`VACUUM (ANALYZE) partners, staff_users, persons, identifications, review_proposals`);
        },
      ],
    ];
    const timings = await runSteps(c, steps, 'generate');
    const { rows } = await c.query(`
      SELECT (SELECT count(*) FROM persons)::int AS persons,
             (SELECT count(*) FROM identifications)::int AS identifications,
             (SELECT count(*) FROM identifications WHERE case_opened_at IS NOT NULL)::int AS open_cases,
             (SELECT count(*) FROM identifications WHERE case_opened_at IS NOT NULL AND case_due_at <= now())::int AS overdue,
             (SELECT count(*) FROM identifications WHERE case_opened_at IS NOT NULL AND assignee_id IS NOT NULL)::int AS assigned,
             (SELECT count(*) FROM review_proposals WHERE state = 'pending')::int AS pending_proposals,
             (SELECT count(*) FROM staff_users WHERE role = 'compliance_officer')::int AS officers`);
    const statuses = await c.query(
      `SELECT status, (case_opened_at IS NOT NULL) AS open, count(*)::int AS n FROM identifications GROUP BY 1, 2 ORDER BY 2 DESC, 3 DESC`,
    );
    return {
      seconds: round((performance.now() - started) / 1000, 1),
      step_seconds: timings,
      triggers_off_during_load: triggersOff,
      rows: rows[0],
      statuses: statuses.rows,
    };
  });
}

async function standalone() {
  const s = generatorSettings();
  checkGeneratorSettings(s, (msg) => {
    process.stderr.write(`bench/review-queue/generate: ${msg}\n`);
    process.exit(2);
  });
  if (!existsSync(DATABASE_LIB)) throw new Error('dist/ is missing: run `npm run build` first');
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const name = setting('db', `kyc_bench_${process.pid}_review_queue_data`);
  const dbUrl = await createDatabase(serverUrl, name);
  let keep = false;
  cleanup.add(async () => {
    if (!keep) await dropDatabase(serverUrl, name);
  });
  const { runMigrations } = await import(pathToFileURL(DATABASE_LIB).href);
  await runMigrations(dbUrl);
  const result = await generate(dbUrl, s);
  keep = true;
  process.stdout.write(`${JSON.stringify({ database_url: dbUrl, ...result }, null, 2)}\n`);
  process.stderr.write(`kept ${name}; drop it with: psql ${serverUrl} -c 'DROP DATABASE ${name}'\n`);
  return true;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const cleanup = isMain ? cleanupStack() : null;
if (isMain) {
  await runMain('bench/review-queue/generate', standalone, { strict: false, cleanup });
}
