// bench/expiry's raw SQL sides: the same stale rows, 1,000 per transaction (FOR UPDATE SKIP LOCKED, as the
// job batches), no application in between.
//   bare:        the status update alone (the baseline);
//   same writes: one statement per batch that writes what the job writes for each expiry (status, status
//                event, IDENTIFICATION outbox row, audit row) — the most any implementation of the job can
//                reach on this schema. Variants leave out the audit row, or run with triggers off
//                (session_replication_role = replica: no foreign-key checks, no analytics counting),
//                to show what each part costs.
// `reset` puts the rows back between sides: everything written after `marks()` is deleted, the stale rows
// are pending again, the tables vacuumed.
import { round, withClient } from '../lib/harness.mjs';

export const BATCH = 1000;
const WRITTEN = ['identification_events', 'audit_events', 'domain_events', 'analytics_deltas'];
const DUE = `SELECT id, status FROM identifications
              WHERE status IN ('pending', 'aborted', 'canceled') AND url_expires_at <= now()
              ORDER BY url_expires_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;

const BARE = `UPDATE identifications SET status = 'expired', version = version + 1, updated_at = now()
               WHERE id IN (SELECT id FROM (${DUE}) due)`;

/** The job's writes for one batch as one statement; the audit hash is a stand-in (no chain). */
function sameWrites({ audit }) {
  const auditRows = `,
    au AS (INSERT INTO audit_events (occurred_at, actor_type, actor_id, action, entity_type, entity_id, diff,
                                     prev_hash, hash)
           SELECT now(), 'system', 'bench_raw_sql', 'identification.expired', 'identification', id,
                  jsonb_build_object('from', from_status, 'to', 'expired', 'url_expires_at', url_expires_at),
                  md5(id || 'p') || md5(id || 'q'), md5(id || 'h') || md5(id || 'i')
             FROM up)`;
  return `WITH due AS (${DUE}),
    up AS (UPDATE identifications i
              SET status = 'expired', case_opened_at = NULL, case_due_at = NULL, version = i.version + 1,
                  updated_at = now()
             FROM due WHERE i.id = due.id
           RETURNING i.id, due.status AS from_status, i.partner_id, i.person_id, i.reference, i.url, i.method,
                     i.completed_at, i.url_expires_at),
    ev AS (INSERT INTO identification_events (identification_id, kind, from_status, to_status, actor, actor_id,
                                              created_at)
           SELECT id, 'transition', from_status, 'expired', 'system', 'bench_raw_sql', now() FROM up),
    ob AS (INSERT INTO domain_events (event_type, partner_id, entity_id, payload)
           SELECT 'IDENTIFICATION', partner_id, id,
                  jsonb_build_object('id', id, 'reference', reference, 'url', url, 'status', 'expired',
                                     'completed_at', completed_at, 'method', method, 'person_id', person_id)
             FROM up)${audit ? auditRows : ''}
    SELECT count(*)::int AS n FROM up`;
}

/** The raw SQL sides, in the order they run. */
export const SIDES = [
  { key: 'bare_update', label: 'bare status update', sql: BARE },
  { key: 'raw_same_writes', label: 'raw SQL, same writes', sql: sameWrites({ audit: true }) },
  { key: 'raw_no_audit', label: 'raw SQL, no audit row', sql: sameWrites({ audit: false }) },
  {
    key: 'raw_no_triggers',
    label: 'raw SQL, triggers off',
    sql: sameWrites({ audit: true }),
    triggersOff: true,
  },
];

/** Run one side until no row is due; answers rows and milliseconds. */
export async function runSide(dbUrl, side) {
  return withClient(dbUrl, async (c) => {
    if (side.triggersOff) await c.query(`SET session_replication_role = replica`);
    const t = performance.now();
    let rows = 0;
    for (;;) {
      await c.query('BEGIN');
      const r = await c.query(side.sql);
      await c.query('COMMIT');
      const n = r.rows[0]?.n ?? r.rowCount;
      rows += n;
      if (n < BATCH) break;
    }
    return { rows, ms: round(performance.now() - t, 1) };
  });
}

/** The last id of each table a side writes to, before any side runs. */
export async function marks(dbUrl) {
  return withClient(dbUrl, async (c) => {
    const m = {};
    for (const t of WRITTEN) {
      m[t] = (await c.query(`SELECT coalesce(max(id), 0)::text AS m FROM ${t}`)).rows[0].m;
    }
    return m;
  });
}

/** Undo a side: delete what it wrote (append-only tables, so with triggers off), stale rows pending again. */
export async function reset(dbUrl, mark, stale) {
  await withClient(dbUrl, async (c) => {
    await c.query(`SET session_replication_role = replica`);
    for (const t of WRITTEN) await c.query(`DELETE FROM ${t} WHERE id > $1`, [mark[t]]);
    await c.query(`SET session_replication_role = origin`);
    await c.query(
      `UPDATE identifications SET status = 'pending'
        WHERE id IN (SELECT md5('idt-' || n) || 'cidt' FROM generate_series(1, $1::int) n)`,
      [stale],
    );
    for (const t of ['identifications', ...WRITTEN]) await c.query(`VACUUM (ANALYZE) ${t}`);
  });
}
