import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failure analytics read a rollup, never the raw events (docs/ANALYTICS.md).
 *
 * A trigger on identification_events appends one delta row per counted fact in the same transaction as
 * the status change, so a fact is counted exactly when its event commits, and never twice: events are
 * append-only. Deltas are folded by one statement that deletes the deltas it adds (AnalyticsFolder) into
 * three grains: hourly (`h`), daily (`d`), and daily over all partners and languages (`a`, stored as '*');
 * queries read the rollup plus the few deltas not yet folded.
 *
 * Metrics (one row shape for all):
 * - outcome:  an attempt ended (to successful, failed, aborted, canceled, expired; or aborted or canceled
 *             again: a `repeated` event) at `hour`, with its reason;
 * - funnel:   an identification created in `hour` reached a step: created, requested, reviewed (the provider's
 *             agent gave a verdict: pending_successful, pending_failed, successful or failed), successful;
 * - duration: an identification reached a final status at `hour` after 1.1^bucket seconds, along `path`;
 * - retry:    a re-identification reached a final status at `hour`; `reason` and `path` are its
 *             predecessor's reason and status.
 */
export class CreateAnalyticsRollup1765300000000 implements MigrationInterface {
  name = 'CreateAnalyticsRollup1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_deltas (
        id bigserial PRIMARY KEY,
        metric text NOT NULL,
        hour timestamptz NOT NULL,
        partner_id varchar(64) NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        path text NOT NULL,
        bucket smallint NOT NULL,
        n bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE analytics_rollup (
        grain char(1) NOT NULL CHECK (grain IN ('h', 'd', 'a')),
        metric text NOT NULL,
        bucket_start timestamptz NOT NULL,
        partner_id varchar(64) NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        path text NOT NULL,
        bucket smallint NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (grain, metric, bucket_start, partner_id, language, status, reason, path, bucket)
      )`);
    // Deltas live seconds (folded every few); vacuum them by count, not by a share of a tiny table.
    await q.query(
      `ALTER TABLE analytics_deltas SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000)`,
    );
    // Outcome drill-down ("which identifications are behind this bar") scans transition events by time.
    await q.query(
      `CREATE INDEX identification_events_outcome_idx ON identification_events (created_at) WHERE kind = 'transition'`,
    );
    await q.query(`
      CREATE TABLE analytics_alerts (
        id bigserial PRIMARY KEY,
        reason text NOT NULL,
        hour timestamptz NOT NULL,
        observed bigint NOT NULL,
        baseline double precision NOT NULL,
        factor double precision NOT NULL,
        min_volume integer NOT NULL,
        raised_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES staff_users(id),
        acknowledgement_note text,
        UNIQUE (reason, hour)
      )`);
    await q.query(
      `CREATE INDEX analytics_alerts_open_idx ON analytics_alerts (raised_at DESC) WHERE acknowledged_at IS NULL`,
    );
    // Shared by the trigger and the set-based rebuild, so both compute durations and paths identically.
    await q.query(`
      CREATE FUNCTION analytics_duration_bucket(seconds double precision) RETURNS smallint
      LANGUAGE sql IMMUTABLE AS $$ SELECT floor(ln(greatest(seconds, 1)) / ln(1.1::float8))::smallint $$`);
    await q.query(`
      CREATE FUNCTION analytics_path(identification char(36), upto bigint) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT string_agg(v.to_status, '>' ORDER BY v.first_id)
          FROM (SELECT e.to_status, min(e.id) AS first_id FROM identification_events e
                 WHERE e.identification_id = identification AND e.kind = 'transition' AND e.id <= upto
                 GROUP BY e.to_status) v $$`);
    await q.query(`
      CREATE FUNCTION analytics_count_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ident record;
        hour timestamptz := date_trunc('hour', NEW.created_at, 'UTC');
        created_hour timestamptz;
        lang text;
        previous_reason text;
        previous_status text;
      BEGIN
        IF NEW.kind NOT IN ('created', 'transition', 'repeated')
           OR (NEW.kind = 'repeated' AND NEW.to_status NOT IN ('aborted', 'canceled')) THEN
          RETURN NULL;
        END IF;
        SELECT i.partner_id, i.language, i.created_at, i.previous_identification_id
          INTO ident FROM identifications i WHERE i.id = NEW.identification_id;
        created_hour := date_trunc('hour', ident.created_at, 'UTC');
        lang := coalesce(ident.language, '');
        IF NEW.kind = 'repeated' THEN
          -- Another attempt on the same url ended the same way: one more outcome, nothing else changes.
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('outcome', hour, ident.partner_id, lang, NEW.to_status, coalesce(NEW.reason_code, ''), '', 0, 1);
          RETURN NULL;
        END IF;
        IF NEW.kind = 'created' THEN
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('funnel', created_hour, ident.partner_id, lang, 'created', '', '', 0, 1);
          RETURN NULL;
        END IF;
        IF NEW.from_status = 'created' AND NEW.to_status = 'pending' THEN
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('funnel', created_hour, ident.partner_id, lang, 'requested', '', '', 0, 1);
        END IF;
        IF NEW.to_status IN ('pending_successful', 'pending_failed', 'successful', 'failed') AND NOT EXISTS (
             SELECT 1 FROM identification_events e
              WHERE e.identification_id = NEW.identification_id AND e.id < NEW.id AND e.kind = 'transition'
                AND e.to_status IN ('pending_successful', 'pending_failed', 'successful', 'failed')) THEN
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('funnel', created_hour, ident.partner_id, lang, 'reviewed', '', '', 0, 1);
        END IF;
        IF NEW.to_status IN ('successful', 'failed', 'aborted', 'canceled', 'expired') THEN
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('outcome', hour, ident.partner_id, lang, NEW.to_status, coalesce(NEW.reason_code, ''), '', 0, 1);
        END IF;
        IF NEW.to_status = 'successful' THEN
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('funnel', created_hour, ident.partner_id, lang, 'successful', '', '', 0, 1);
        END IF;
        IF NEW.to_status IN ('successful', 'failed', 'expired') THEN
          INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
          VALUES ('duration', hour, ident.partner_id, lang, NEW.to_status, coalesce(NEW.reason_code, ''),
                  analytics_path(NEW.identification_id, NEW.id),
                  analytics_duration_bucket(extract(epoch FROM NEW.created_at - ident.created_at)::float8), 1);
          IF ident.previous_identification_id IS NOT NULL THEN
            SELECT coalesce(p.failure_reason, ''), p.status INTO previous_reason, previous_status
              FROM identifications p WHERE p.id = ident.previous_identification_id;
            INSERT INTO analytics_deltas (metric, hour, partner_id, language, status, reason, path, bucket, n)
            VALUES ('retry', hour, ident.partner_id, lang, NEW.to_status, previous_reason, previous_status, 0, 1);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER identification_events_analytics AFTER INSERT ON identification_events
                   FOR EACH ROW EXECUTE FUNCTION analytics_count_event()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER identification_events_analytics ON identification_events`);
    await q.query(`DROP FUNCTION analytics_count_event()`);
    await q.query(`DROP FUNCTION analytics_path(char, bigint)`);
    await q.query(`DROP FUNCTION analytics_duration_bucket(double precision)`);
    await q.query(`DROP INDEX identification_events_outcome_idx`);
    await q.query(`DROP TABLE analytics_alerts`);
    await q.query(`DROP TABLE analytics_rollup`);
    await q.query(`DROP TABLE analytics_deltas`);
  }
}
