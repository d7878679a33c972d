// bench/analytics/generate.mjs: identifications with their full event history over the last `days` days,
// written set-based (generate_series, window functions) into a freshly migrated database. Used by run.mjs.
//
// What it writes (ids deterministic: md5 hex + the app's 'cidt'/'cper' suffixes):
//   partners (3 by default; 50/33/17 % of the persons), persons (one per first identification, ~1/10 with a
//   second one), identifications (created uniformly over the window, language DE 65 % / EN 35 %) and
//   identification_events: the 'created' event, the created -> pending request, then the outcome
//   transitions of one of the SCENARIOS below. A path whose next step would lie after now stops there, so
//   recent identifications are still pending, aborted or in review, and an identification's row (status,
//   failure_reason, provider_result, completed_at, review_started_at, open case, version, updated_at) is
//   what its events say. `reidentified` of the identifications are re-identifications (staff-created, with
//   previous_identification_id) of an earlier failed, canceled or expired one of the same person.
//
// The bulk load runs with the analytics trigger disabled (ALTER TABLE … DISABLE TRIGGER) and, where the
// role may, session_replication_role = replica (no per-row foreign-key and append-only trigger work; the
// references are checked once at the end); the secondary indexes of the three big tables are dropped
// first and created again after it. run.mjs then builds the rollup with the real rebuild().
import { pathToFileURL } from 'node:url';
import { round, withClient } from '../lib/harness.mjs';

/**
 * The paths an identification takes after it is created, with their shares. A step is `status` or
 * `status:pool`; the pool names where the step's reason code comes from (REASON_POOLS). An empty path is
 * an identification the partner never requested.
 */
export const SCENARIOS = [
  { name: 'successful', share: 0.53, path: ['pending', 'successful'] },
  { name: 'review, then successful', share: 0.08, path: ['pending', 'pending_successful', 'successful'] },
  { name: 'aborted, url left to expire', share: 0.08, path: ['pending', 'aborted:abort', 'expired'] },
  { name: 'aborted, retried: successful', share: 0.06, path: ['pending', 'aborted:abort', 'successful'] },
  { name: 'never used, expired', share: 0.05, path: ['pending', 'expired'] },
  { name: 'canceled, url left to expire', share: 0.045, path: ['pending', 'canceled:cancel', 'expired'] },
  { name: 'canceled, retried: successful', share: 0.03, path: ['pending', 'canceled:cancel', 'successful'] },
  { name: 'not requested', share: 0.025, path: [] },
  {
    name: 'aborted, canceled, then successful',
    share: 0.02,
    path: ['pending', 'aborted:abort', 'canceled:cancel', 'successful'],
  },
  { name: 'fraud suspicion confirmed', share: 0.02, path: ['pending', 'pending_failed', 'failed:provider'] },
  { name: 'failed at once', share: 0.015, path: ['pending', 'failed:provider'] },
  {
    name: 'fraud suspicion cleared by an officer',
    share: 0.01,
    path: ['pending', 'pending_failed', 'successful:approve'],
  },
  {
    name: 'review canceled, url left to expire',
    share: 0.01,
    path: ['pending', 'pending_successful', 'canceled:cancel', 'expired'],
  },
  {
    name: 'aborted, retried into review, successful',
    share: 0.01,
    path: ['pending', 'aborted:abort', 'pending_successful', 'successful'],
  },
  {
    name: 'three attempts, then expired',
    share: 0.01,
    path: ['pending', 'aborted:abort', 'canceled:cancel', 'aborted:abort', 'expired'],
  },
  { name: 'rejected by an officer', share: 0.005, path: ['pending', 'pending_successful', 'failed:reject'] },
];

/** Relative weights of the reason codes per pool; catalog codes not named weigh 1 in `cancel`. */
const ABORT_WEIGHTS = {
  USER_ABORT_WHILE_WAITING: 20,
  USER_CANCELLATION: 12,
  TECH_DISCONNECTED_WEBSOCKET: 8,
  CONNECTION_LOST: 8,
  TECH_INTERNET_CONNECTION: 6,
  IDENT_CODE_REPEATEDLY_INCORRECT: 5,
  TECH_IDENT_CODE_DELIVERY: 4,
  IDENT_CODE_NOT_RECEIVED: 4,
  TECH_TIMEOUT: 4,
  STALLED_TIMEOUT: 3,
  USER_STARTED_NEW_REQUEST: 3,
  TECH_DISCONNECTED_VIDEO: 3,
  TECH_INTERNAL_SERVER_ERROR: 2,
  NO_CONNECTION: 2,
  CONNECTION_BAD: 2,
  CONNECTION_OTHER: 1,
  OTHER_MISCELLANEOUS_TEMPORARY: 1,
  OTHER_ERROR: 1,
};
const CANCEL_WEIGHTS = {
  TECH_LIGHTING: 15,
  TECH_PHOTO: 8,
  TECH_VIDEO: 8,
  USER_NO_ID: 8,
  DATA_ID_EXPIRED: 5,
  BAD_VIDEO: 4,
  ID_DAMAGED: 4,
  TECH_HOLOGRAM: 3,
  TECH_ID_TYPE: 3,
  ID_NOT_SUPPORTED: 3,
  TECH_AUDIO: 3,
  BAD_AUDIO: 2,
  NO_AUDIO: 2,
  NO_VIDEO: 2,
  VIDEO_ENVIRONMENT: 2,
  BAD_AUDIO_ENVIRONMENT: 2,
  BAD_PHOTO_QUALITY: 2,
  USER_WRONG_PERSON: 2,
  WRONG_PHONE_NUMBER: 2,
};
/** The provider's `failed`: 60 % carry no reason (fraud suspicion, never shown); the rest a permanent code. */
const PROVIDER_FAILED_WITHOUT_REASON = 0.6;

/** Each pool as a flat array (a code repeated by its weight), so SQL picks with one random index. */
export function reasonPools(failureCodes, decisionReasons) {
  const expand = (weights) => Object.entries(weights).flatMap(([code, w]) => Array(w).fill(code));
  const known = new Set(failureCodes.map((c) => c.code));
  for (const code of [...Object.keys(ABORT_WEIGHTS), ...Object.keys(CANCEL_WEIGHTS)]) {
    if (!known.has(code)) throw new Error(`${code} is not in the failure-code catalog`);
  }
  const cancel = { ...Object.fromEntries(failureCodes.map((c) => [c.code, 1])), ...CANCEL_WEIGHTS };
  return {
    abort: expand(ABORT_WEIGHTS),
    cancel: expand(cancel),
    provider: failureCodes.filter((c) => c.permanent).map((c) => c.code),
    reject: decisionReasons.reject.map((r) => r.code),
    approve: decisionReasons.approve.map((r) => r.code),
  };
}

const PARTNER_OF_PERSON = `(ARRAY[0, 0, 0, 1, 1, 2])[1 + pn % 6] % $partners`;

/**
 * Steps of the plan rows g in [$lo, $hi]: one row per path step, at the time it happens. Gaps: the first
 * result 2-40 min after the request; a retry 5 min to 3 days after an abort or cancel (most within hours);
 * a review verdict 10 min to 24 h after the provisional one; expiry 14 days after the request (the url).
 */
const STEPS_SQL = `
  INSERT INTO bench_steps (g, ord, status, from_status, reason, actor, at)
  SELECT g, ord, status, from_status, reason, actor,
         CASE WHEN status = 'expired' THEN requested_at + interval '14 days'
              ELSE requested_at + make_interval(secs => sum(gap) OVER (PARTITION BY g ORDER BY ord)) END
    FROM (
      SELECT g, ord, status, requested_at, reason, actor,
             coalesce(lag(status) OVER (PARTITION BY g ORDER BY ord), 'created') AS from_status,
             CASE WHEN ord = 1 THEN 0
                  WHEN lag(status) OVER (PARTITION BY g ORDER BY ord) = 'pending' THEN 120 + 2280 * r
                  WHEN lag(status) OVER (PARTITION BY g ORDER BY ord) IN ('aborted', 'canceled') THEN 300 + 259200 * r ^ 3
                  ELSE 600 + 85800 * r END AS gap
        FROM (
          SELECT p.g, p.requested_at, u.ord, u.status, random() AS r,
                 CASE u.pool WHEN 'approve' THEN 'staff' WHEN 'reject' THEN 'staff'
                             WHEN '' THEN CASE WHEN u.status = 'pending' THEN 'partner' ELSE 'provider' END
                             ELSE 'provider' END AS actor,
                 CASE u.pool
                   WHEN 'abort' THEN ($abort::text[])[1 + floor(random() * cardinality($abort::text[]))::int]
                   WHEN 'cancel' THEN ($cancel::text[])[1 + floor(random() * cardinality($cancel::text[]))::int]
                   WHEN 'provider' THEN CASE WHEN random() >= ${PROVIDER_FAILED_WITHOUT_REASON}
                     THEN ($provider::text[])[1 + floor(random() * cardinality($provider::text[]))::int] END
                   WHEN 'reject' THEN ($reject::text[])[1 + floor(random() * cardinality($reject::text[]))::int]
                   WHEN 'approve' THEN ($approve::text[])[1 + floor(random() * cardinality($approve::text[]))::int]
                 END AS reason
            FROM bench_plan p JOIN bench_scenarios s ON s.k = p.scenario
           CROSS JOIN LATERAL unnest(s.statuses, s.pools) WITH ORDINALITY AS u(status, pool, ord)
           WHERE p.g BETWEEN $lo AND $hi
        ) a
    ) b`;

/** A statement with named parameters ($name) as text and values for pg, each value sent once. */
function bind(sql, values) {
  const names = [];
  const text = sql.replace(/\$([a-z_]+)/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for $${name}`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return [text, names.map((n) => values[n])];
}

/**
 * Fill the migrated database at `dbUrl`. `s`: { identifications, days, partners, reidentified, now }.
 * Answers the seconds per step and in all, and what was written.
 */
export async function generate(dbUrl, s, { distLib, log }) {
  const { FAILURE_CODES } = await import(
    pathToFileURL(distLib('identifications/src/rules/failure-codes.js')).href
  );
  const { DECISION_REASONS } = await import(
    pathToFileURL(distLib('identifications/src/rules/decision-reasons.js')).href
  );
  const pools = reasonPools(FAILURE_CODES, DECISION_REASONS);
  const reidentifications = Math.round(s.identifications * s.reidentified);
  const first = s.identifications - reidentifications;
  const named = { ...pools, now: s.now, days: s.days, partners: s.partners, persons: first };
  const timings = {};
  const started = performance.now();

  return withClient(dbUrl, async (c) => {
    const q = (sql, more = {}) => c.query(...bind(sql, { ...named, ...more }));
    const step = async (label, fn) => {
      const t = performance.now();
      const out = await fn();
      timings[label] = round((performance.now() - t) / 1000, 1);
      log(`  ${label}: ${timings[label]} s`);
      return out;
    };

    await c.query(`SET work_mem = '512MB'`);
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query(`ALTER TABLE identification_events DISABLE TRIGGER identification_events_analytics`);
    let replica = true;
    try {
      await c.query(`SET session_replication_role = replica`);
    } catch {
      replica = false;
    }
    await c.query(`SELECT setseed(0.8)`);
    // Secondary indexes are built once after the load (as pg_restore does), not row by row during it.
    const { rows: secondary } = await c.query(`
      SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
        FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relname IN ('persons', 'identifications', 'identification_events')
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`);
    for (const ix of secondary) await c.query(`DROP INDEX ${ix.name}`);

    await step('plan', async () => {
      await c.query(`
        CREATE UNLOGGED TABLE bench_scenarios (k int PRIMARY KEY, lo float8, hi float8, statuses text[], pools text[]);
        CREATE UNLOGGED TABLE bench_plan (g int PRIMARY KEY, id char(36), person_id char(36), partner_id text,
          language char(2), created_at timestamptz, requested_at timestamptz, scenario int, previous_id char(36),
          creator text, creator_id text);
        CREATE UNLOGGED TABLE bench_steps (g int, ord int, status text, from_status text, reason text, actor text,
          at timestamptz)`);
      let lo = 0;
      for (const [k, sc] of SCENARIOS.entries()) {
        const steps = sc.path.map((p) => p.split(':'));
        await c.query(`INSERT INTO bench_scenarios VALUES ($1, $2, $3, $4, $5)`, [
          k,
          lo,
          k === SCENARIOS.length - 1 ? 1 : lo + sc.share,
          steps.map(([st]) => st),
          steps.map(([, pool]) => pool ?? ''),
        ]);
        lo += sc.share;
      }
      if (Math.abs(lo - 1) > 1e-9) throw new Error(`scenario shares add up to ${lo}, not 1`);
      // First identifications: person pn (a tenth of the persons get a second one), created uniformly.
      await q(
        `INSERT INTO bench_plan
         SELECT g, md5('bench-idt-' || g) || 'cidt', md5('bench-person-' || pn) || 'cper',
                'bench-partner-' || ${PARTNER_OF_PERSON}, CASE WHEN r_lang < 0.65 THEN 'DE' ELSE 'EN' END,
                created, CASE WHEN cardinality(s.statuses) > 0 THEN created + interval '30 seconds' + interval '9 minutes' * r_req END,
                s.k, NULL, 'partner', 'bench-partner-' || ${PARTNER_OF_PERSON}
           FROM (SELECT g, CASE WHEN g % 10 = 0 THEN 1 + (g::bigint * 7919) % $persons ELSE g END AS pn,
                        $now::timestamptz - interval '1 day' * $days * random() AS created,
                        random() AS r_scenario, random() AS r_lang, random() AS r_req
                   FROM generate_series(1, $persons::int) g OFFSET 0) a
           JOIN bench_scenarios s ON a.r_scenario >= s.lo AND a.r_scenario < s.hi`,
      );
    });
    await step('steps', () => q(STEPS_SQL, { lo: 1, hi: first }));
    await step('reidentifications', async () => {
      // Of the first identifications that ended failed, canceled or expired at least two days ago, a random
      // `reidentifications` get a staff-created follow-up 10 min to 2 days after their last event.
      const res = await q(
        `INSERT INTO bench_plan
         SELECT $persons::int + row_number() OVER (ORDER BY md5(p.id)), md5('bench-idt-r-' || p.g) || 'cidt', p.person_id,
                p.partner_id, p.language, created, created + interval '30 seconds' + interval '9 minutes' * random(),
                s.k, p.id, 'staff', md5('officer-1')::uuid::text
           FROM (SELECT g, last_at + interval '10 minutes' + interval '2 days' * random() AS created, random() AS r
                   FROM (SELECT DISTINCT ON (g) g, status, at AS last_at FROM bench_steps WHERE at <= $now
                          ORDER BY g, ord DESC) l
                  WHERE status IN ('failed', 'canceled', 'expired') AND last_at < $now::timestamptz - interval '2 days'
                  ORDER BY md5(g::text) LIMIT ${reidentifications}) f
           JOIN bench_plan p ON p.g = f.g
           JOIN bench_scenarios s ON f.r >= s.lo AND f.r < s.hi`,
      );
      if (res.rowCount !== reidentifications) {
        throw new Error(
          `only ${res.rowCount} of ${reidentifications} re-identifications found a predecessor`,
        );
      }
      await q(STEPS_SQL, { lo: first + 1, hi: s.identifications });
    });
    await step('persons', async () => {
      await q(`INSERT INTO partners (id, name, created_at)
               SELECT 'bench-partner-' || k, 'Benchmark partner ' || k, $now::timestamptz - interval '2 years'
                 FROM generate_series(0, $partners - 1) k`);
      await c.query(`INSERT INTO persons (id, partner_id, salutation, first_name, last_name, birth_date, birth_city, nationality,
                              address_country, terms_conditions_signed_at, created_at, updated_at)
         SELECT person_id, partner_id, CASE WHEN g % 2 = 0 THEN 'MS' ELSE 'MR' END, 'Bench' || (g % 997),
                'Person' || g, date '1960-01-01' + (g * 37) % 15000, 'Berlin', 'DE', 'DE', created_at, created_at, created_at
           FROM (SELECT DISTINCT ON (person_id) * FROM bench_plan ORDER BY person_id, g) p`);
      // What the persons_count_identity trigger would have counted, row by row.
      await c.query(`INSERT INTO person_identity_counts (partner_id, identity, n)
                     SELECT partner_id, person_identity(first_name, last_name, birth_date, birth_city), count(*)
                       FROM persons GROUP BY 1, 2`);
    });
    await step('identifications', () =>
      q(`INSERT INTO identifications (id, partner_id, person_id, method, status, language, reference, url, url_expires_at,
                                      failure_reason, provider_result, completed_at, requested_at, review_started_at,
                                      previous_identification_id, version, created_at, updated_at, case_opened_at, case_due_at)
         SELECT p.id, p.partner_id, p.person_id, 'idnow', coalesce(l.status, 'created'), p.language,
                CASE WHEN p.requested_at IS NOT NULL THEN 'BENCH-' || p.g END,
                CASE WHEN p.requested_at IS NOT NULL THEN 'https://go.test.idnow.de/kycbench/identifications/' || p.id END,
                p.requested_at + interval '14 days', l.failure_reason,
                CASE l.status WHEN 'successful' THEN 'SUCCESS' WHEN 'pending_successful' THEN 'REVIEW_PENDING'
                              WHEN 'pending_failed' THEN 'FRAUD_SUSPICION_PENDING' WHEN 'failed' THEN 'FRAUD_SUSPICION_CONFIRMED'
                              WHEN 'aborted' THEN 'ABORTED' WHEN 'canceled' THEN 'CANCELED' END,
                l.completed_at, p.requested_at, l.review_started_at, p.previous_id, 1 + coalesce(l.n, 0),
                p.created_at, coalesce(l.last_at, p.created_at),
                CASE WHEN l.status IN ('pending_successful', 'pending_failed') THEN l.review_started_at END,
                CASE WHEN l.status IN ('pending_successful', 'pending_failed') THEN l.review_started_at + interval '24 hours' END
           FROM bench_plan p
           LEFT JOIN (
             SELECT g, count(*) AS n, max(at) AS last_at, (array_agg(status ORDER BY ord DESC))[1] AS status,
                    -- an officer's decision keeps the reason the provider gave (DecisionsService)
                    (array_agg(reason ORDER BY ord DESC) FILTER (WHERE actor <> 'staff'))[1] AS failure_reason,
                    max(at) FILTER (WHERE status IN ('successful', 'failed')) AS completed_at,
                    min(at) FILTER (WHERE status IN ('pending_successful', 'pending_failed')) AS review_started_at
               FROM bench_steps WHERE at <= $now GROUP BY g
           ) l ON l.g = p.g
          ORDER BY p.created_at`),
    );
    await step('events', () =>
      // In time order, as the app appends them: ids follow created_at, and an identification's own
      // events follow its path (the rollup's path and 'reviewed' logic read them by id).
      q(`INSERT INTO identification_events (identification_id, kind, from_status, to_status, actor, actor_id, reason_code, created_at)
         SELECT id, kind, from_status, to_status, actor, actor_id, reason_code, at
           FROM (SELECT p.id, 'created' AS kind, NULL AS from_status, 'created' AS to_status, p.creator AS actor,
                        p.creator_id AS actor_id, NULL AS reason_code, p.created_at AS at, p.g, 0 AS ord
                   FROM bench_plan p
                 UNION ALL
                 SELECT p.id, 'transition', st.from_status, st.status, st.actor,
                        CASE st.actor WHEN 'partner' THEN p.partner_id WHEN 'provider' THEN 'idnow'
                                      ELSE md5('officer-1')::uuid::text END,
                        st.reason, st.at, st.g, st.ord
                   FROM bench_steps st JOIN bench_plan p ON p.g = st.g
                  WHERE st.at <= $now) e
          ORDER BY at, g, ord`),
    );
    await step('indexes', async () => {
      for (const ix of secondary) await c.query(ix.definition);
    });
    await step('check', async () => {
      const { rows } = await c.query(`
        SELECT (SELECT count(*) FROM identifications i WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = i.person_id))
             + (SELECT count(*) FROM identifications i WHERE NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = i.partner_id))
             + (SELECT count(*) FROM identifications i WHERE i.previous_identification_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM identifications p WHERE p.id = i.previous_identification_id
                                     AND p.created_at < i.created_at AND p.status IN ('failed', 'canceled', 'expired')))
             + (SELECT count(*) FROM identification_events e
                 WHERE NOT EXISTS (SELECT 1 FROM identifications i WHERE i.id = e.identification_id)) AS broken,
               (SELECT count(*) FROM identifications i
                 WHERE i.status <> (SELECT e.to_status FROM identification_events e WHERE e.identification_id = i.id
                                     ORDER BY e.id DESC LIMIT 1)) AS inconsistent`);
      if (Number(rows[0].broken) || Number(rows[0].inconsistent)) {
        throw new Error(
          `data set: ${rows[0].broken} broken references, ${rows[0].inconsistent} identifications whose status is not their last event's`,
        );
      }
    });
    await step('vacuum analyze', async () => {
      await c.query(`DROP TABLE bench_steps, bench_plan, bench_scenarios`);
      await c.query(`RESET session_replication_role`);
      await c.query(`ALTER TABLE identification_events ENABLE TRIGGER identification_events_analytics`);
      await c.query(
        `VACUUM (ANALYZE) partners, persons, person_identity_counts, identifications, identification_events`,
      );
    });

    const { rows } = await c.query(`
      SELECT (SELECT count(*) FROM persons)::int AS persons,
             (SELECT count(*) FROM identifications)::int AS identifications,
             (SELECT count(*) FROM identifications WHERE previous_identification_id IS NOT NULL)::int AS reidentifications,
             (SELECT count(*) FROM identification_events)::int AS events,
             (SELECT count(*) FROM identification_events WHERE kind = 'transition'
                 AND to_status IN ('successful', 'failed', 'aborted', 'canceled', 'expired'))::int AS outcome_events,
             (SELECT pg_size_pretty(pg_total_relation_size('identification_events'))) AS events_size,
             (SELECT pg_size_pretty(pg_total_relation_size('identifications'))) AS identifications_size`);
    const statuses = await c.query(
      `SELECT status, count(*)::int AS n FROM identifications GROUP BY 1 ORDER BY 2 DESC`,
    );
    return {
      seconds: round((performance.now() - started) / 1000, 1),
      step_seconds: timings,
      replication_role_replica_during_load: replica,
      rows: rows[0],
      statuses: Object.fromEntries(statuses.rows.map((r) => [r.status, r.n])),
      scenarios: SCENARIOS.map((sc) => ({ name: sc.name, share: sc.share, path: sc.path })),
    };
  });
}
