import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics count trigger (CreateAnalyticsRollup) ran once per inserted status event, each run a few
 * lookups and one delta row per metric. Batch writers (provider results, the expiry job: a thousand events
 * a statement) paid that a thousand times. It now runs once per statement over the statement's new rows
 * (a transition table), with the same rules, and writes one delta row per key with its count. The path
 * of a final status is still `analytics_path`, shared with the set-based rebuild.
 */
export class CountAnalyticsPerStatement1765750000000 implements MigrationInterface {
  name = 'CountAnalyticsPerStatement1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER identification_events_analytics ON identification_events`);
    // Same path as before, read through the identification's own events only: with \`kind = 'transition'\`
    // next to the scan the planner may add the partial outcome index (every transition event) to it, which
    // grew with each batch of a big job (1.7 s per 1,000 expiries at a million identifications).
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_path(identification char(36), upto bigint) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT string_agg(v.to_status, '>' ORDER BY v.first_id)
          FROM (SELECT e.to_status, min(e.id) AS first_id
                  FROM (SELECT x.to_status, x.id, x.kind FROM identification_events x
                         WHERE x.identification_id = identification AND x.id <= upto OFFSET 0) e
                 WHERE e.kind = 'transition'
                 GROUP BY e.to_status) v $$`);
    await q.query(`
      CREATE FUNCTION analytics_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
        WITH ev AS (
          SELECT e.id, e.identification_id, e.kind, e.from_status, e.to_status,
                 coalesce(e.reason_code, '') AS reason, e.created_at,
                 date_trunc('hour', e.created_at, 'UTC') AS hour,
                 i.partner_id, coalesce(i.language, '') AS lang, i.created_at AS identification_created_at,
                 date_trunc('hour', i.created_at, 'UTC') AS created_hour, i.previous_identification_id
            FROM new_events e JOIN identifications i ON i.id = e.identification_id
           WHERE e.kind IN ('created', 'transition')
              OR (e.kind = 'repeated' AND e.to_status IN ('aborted', 'canceled'))
        ),
        delta AS (
          -- Another attempt on the same url ended the same way: one more outcome, nothing else changes.
          SELECT 'outcome' AS metric, hour, partner_id, lang, to_status AS status, reason, '' AS path,
                 0::smallint AS bucket
            FROM ev WHERE kind = 'repeated'
          UNION ALL
          SELECT 'funnel', created_hour, partner_id, lang, 'created', '', '', 0 FROM ev WHERE kind = 'created'
          UNION ALL
          SELECT 'funnel', created_hour, partner_id, lang, 'requested', '', '', 0 FROM ev
           WHERE kind = 'transition' AND from_status = 'created' AND to_status = 'pending'
          UNION ALL
          SELECT 'funnel', created_hour, partner_id, lang, 'reviewed', '', '', 0 FROM ev
           WHERE kind = 'transition' AND to_status IN ('pending_successful', 'pending_failed', 'successful', 'failed')
             AND NOT EXISTS (
               SELECT 1 FROM (SELECT x.kind, x.to_status FROM identification_events x
                               WHERE x.identification_id = ev.identification_id AND x.id < ev.id OFFSET 0) x
                WHERE x.kind = 'transition'
                  AND x.to_status IN ('pending_successful', 'pending_failed', 'successful', 'failed'))
          UNION ALL
          SELECT 'outcome', hour, partner_id, lang, to_status, reason, '', 0 FROM ev
           WHERE kind = 'transition' AND to_status IN ('successful', 'failed', 'aborted', 'canceled', 'expired')
          UNION ALL
          SELECT 'funnel', created_hour, partner_id, lang, 'successful', '', '', 0 FROM ev
           WHERE kind = 'transition' AND to_status = 'successful'
          UNION ALL
          SELECT 'duration', hour, partner_id, lang, to_status, reason, analytics_path(identification_id, id),
                 analytics_duration_bucket(extract(epoch FROM created_at - identification_created_at)::float8)
            FROM ev WHERE kind = 'transition' AND to_status IN ('successful', 'failed', 'expired')
          UNION ALL
          SELECT 'retry', ev.hour, ev.partner_id, ev.lang, ev.to_status, coalesce(p.failure_reason, ''), p.status, 0
            FROM ev JOIN identifications p ON p.id = ev.previous_identification_id
           WHERE ev.kind = 'transition' AND ev.to_status IN ('successful', 'failed', 'expired')
        )
        SELECT metric, hour, partner_id, lang, status, reason, path, bucket, count(*)
          FROM delta GROUP BY metric, hour, partner_id, lang, status, reason, path, bucket;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER identification_events_analytics AFTER INSERT ON identification_events
        REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION analytics_count_events()`);
  }

  /** The row trigger's function stays in place (unused) so this way back is one statement each. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER identification_events_analytics ON identification_events`);
    await q.query(`CREATE TRIGGER identification_events_analytics AFTER INSERT ON identification_events
                   FOR EACH ROW EXECUTE FUNCTION analytics_count_event()`);
    await q.query(`DROP FUNCTION analytics_count_events()`);
  }
}
