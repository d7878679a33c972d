// The baseline of bench/analytics: the failure breakdown straight from the raw events, as one naive
// GROUP BY (grouping sets) over identification_events joined with identifications, the catalog's classes
// joined in SQL; and the normal form both sides' answers are compared in.

const OUTCOMES = ['successful', 'failed', 'aborted', 'canceled', 'expired'];

/**
 * $1/$2 the range, $3..$6 the catalog (code, category, permanent, caused_by_user). The raw events are
 * grouped once by day, status and reason (the naive GROUP BY); the splits are derived from those few
 * grouped rows in the same statement. A reason outside the catalog is an officer's ('Review') or none
 * ('None'); then failed and expired count as permanent and nobody knows whose fault it was
 * (classifyOutcome). `join` false reads the events alone (a variant: no partner or language filter possible).
 */
export function baselineSql({ join = true } = {}) {
  return `
    WITH catalog AS (
      SELECT * FROM unnest($3::text[], $4::text[], $5::boolean[], $6::text[]) AS k(code, category, permanent, caused_by_user)
    ), counted AS (
      SELECT date_trunc('day', e.created_at, 'UTC') AS day, e.to_status AS status, e.reason_code AS code, count(*) AS n
        FROM identification_events e
        ${join ? 'JOIN identifications i ON i.id = e.identification_id' : ''}
       WHERE e.kind = 'transition' AND e.to_status IN (${OUTCOMES.map((s) => `'${s}'`).join(', ')})
         AND e.created_at >= $1 AND e.created_at < $2
       GROUP BY 1, 2, 3
    ), classified AS (
      SELECT c.day, c.status = 'successful' AS successful, c.code, c.n,
             coalesce(k.category, CASE WHEN c.code IS NULL THEN 'None' ELSE 'Review' END) AS category,
             coalesce(k.permanent, c.status IN ('failed', 'expired')) AS permanent,
             coalesce(k.caused_by_user, 'unknown') AS caused_by_user
        FROM counted c LEFT JOIN catalog k ON k.code = c.code
    )
    SELECT successful, code, category, permanent, caused_by_user, day,
           GROUPING(code, category, permanent, caused_by_user, day) AS set, sum(n)::int AS n
      FROM classified
     GROUP BY GROUPING SETS ((successful), (successful, code, category, permanent, caused_by_user),
                             (successful, category), (successful, permanent), (successful, caused_by_user),
                             (successful, day, permanent), (successful, day, caused_by_user))`;
}

export function baselineParams(from, to, failureCodes) {
  return [
    from,
    to,
    failureCodes.map((c) => c.code),
    failureCodes.map((c) => c.category),
    failureCodes.map((c) => c.permanent),
    failureCodes.map((c) => c.causedByUser),
  ];
}

// GROUPING() bits, first argument highest: code 16, category 8, permanent 4, caused_by_user 2, day 1.
const SET = { all: 31, code: 1, category: 23, permanent: 27, caused: 29, dayPermanent: 26, dayCaused: 28 };
const causeKey = (c) => (c === 'yes' ? 'user_caused' : c === 'no' ? 'not_user_caused' : 'unknown');
const day = (d) => new Date(d).toISOString();

/** The baseline's rows in the normal form (see normalAnswer). */
export function baselineAnswer(rows) {
  const out = emptyAnswer();
  for (const r of rows) {
    if (r.set === SET.all) out.outcomes += r.n;
    if (r.successful) continue;
    if (r.set === SET.all) out.failures += r.n;
    else if (r.set === SET.code)
      add(out.by_code, `${r.code ?? ''}|${r.category}|${r.permanent}|${r.caused_by_user}`, r.n);
    else if (r.set === SET.category) add(out.by_category, r.category, r.n);
    else if (r.set === SET.permanent) add(out.by_permanence, String(r.permanent), r.n);
    else if (r.set === SET.caused) add(out.by_caused_by_user, r.caused_by_user, r.n);
    else if (r.set === SET.dayPermanent)
      add(out.series, `${day(r.day)} ${r.permanent ? 'permanent' : 'temporary'}`, r.n);
    else if (r.set === SET.dayCaused) add(out.series, `${day(r.day)} ${causeKey(r.caused_by_user)}`, r.n);
    else throw new Error(`baseline: unexpected grouping set ${r.set}`);
  }
  return sorted(out);
}

/** AnalyticsService.failures()'s answer (from the api or in-process) in the normal form. */
export function normalAnswer(a) {
  const out = emptyAnswer();
  out.outcomes = a.outcomes;
  out.failures = a.failures;
  for (const c of a.by_code)
    add(out.by_code, `${c.code ?? ''}|${c.category}|${c.permanent}|${c.caused_by_user}`, c.count);
  for (const c of a.by_category) add(out.by_category, c.category, c.count);
  for (const c of a.by_permanence) add(out.by_permanence, String(c.permanent), c.count);
  for (const c of a.by_caused_by_user) add(out.by_caused_by_user, c.caused_by_user, c.count);
  for (const p of a.series) {
    for (const k of ['permanent', 'temporary', 'user_caused', 'not_user_caused', 'unknown']) {
      add(out.series, `${p.start} ${k}`, p[k]);
    }
  }
  return sorted(out);
}

function emptyAnswer() {
  return {
    outcomes: 0,
    failures: 0,
    by_code: {},
    by_category: {},
    by_permanence: {},
    by_caused_by_user: {},
    series: {},
  };
}

/** Zero counts are left out: one side lists every key, the other only the keys it saw. */
function add(map, key, n) {
  if (n) map[key] = (map[key] ?? 0) + n;
}

function sorted(a) {
  const keys = (m) => Object.fromEntries(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return {
    ...a,
    ...Object.fromEntries(
      Object.entries(a)
        .filter(([, v]) => typeof v === 'object')
        .map(([k, v]) => [k, keys(v)]),
    ),
  };
}

/** The first differences between two normal forms, as lines; empty when they agree. */
export function differences(a, b, labels) {
  const lines = [];
  for (const k of ['outcomes', 'failures'])
    if (a[k] !== b[k]) lines.push(`${k}: ${labels[0]} ${a[k]}, ${labels[1]} ${b[k]}`);
  for (const k of ['by_code', 'by_category', 'by_permanence', 'by_caused_by_user', 'series']) {
    for (const key of new Set([...Object.keys(a[k]), ...Object.keys(b[k])])) {
      if (a[k][key] !== b[k][key])
        lines.push(`${k} ${key}: ${labels[0]} ${a[k][key] ?? 0}, ${labels[1]} ${b[k][key] ?? 0}`);
    }
  }
  return lines;
}
