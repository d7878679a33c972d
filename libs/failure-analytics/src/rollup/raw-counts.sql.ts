/**
 * The rollup's facts computed straight from identifications and their events: what the trigger
 * (migration 1765300000000) counts one event at a time, here as one set-based query per metric.
 * `npm run analytics:rebuild` loads it into the rollup; the raw-event answers (the benchmark's baseline,
 * the rollup-equals-raw test) group it directly. Every query yields the rollup's row shape:
 * hour, partner_id, language, status, reason, path, bucket, n. `$from`/`$to` bound the metric's own time.
 */
export type Metric = 'outcome' | 'funnel' | 'duration' | 'retry';
export const METRICS: readonly Metric[] = ['outcome', 'funnel', 'duration', 'retry'];

const OUTCOMES = `('successful', 'failed', 'aborted', 'canceled', 'expired')`;
const FINALS = `('successful', 'failed', 'expired')`;
/** An event that ends an attempt: a transition to an outcome status, or another abort or cancel on the same url. */
export const OUTCOME_EVENT = `(e.kind = 'transition' AND e.to_status IN ${OUTCOMES}
  OR e.kind = 'repeated' AND e.to_status IN ('aborted', 'canceled'))`;
const HOUR = (col: string) => `date_trunc('hour', ${col}, 'UTC')`;

export function rawMetricSql(metric: Metric, range: { from: string; to: string } | null): string {
  const during = (col: string) => (range ? `AND ${col} >= ${range.from} AND ${col} < ${range.to}` : '');
  switch (metric) {
    case 'outcome':
      return `
        SELECT ${HOUR('e.created_at')} AS hour, i.partner_id, coalesce(i.language, '') AS language,
               e.to_status AS status, coalesce(e.reason_code, '') AS reason, '' AS path, 0 AS bucket, 1 AS n
          FROM identification_events e JOIN identifications i ON i.id = e.identification_id
         WHERE ${OUTCOME_EVENT} ${during('e.created_at')}`;
    case 'funnel': {
      const cohort = (step: string, from: string, where: string) => `
        SELECT ${HOUR('i.created_at')} AS hour, i.partner_id, coalesce(i.language, '') AS language,
               '${step}' AS status, '' AS reason, '' AS path, 0 AS bucket, 1 AS n
          FROM ${from} WHERE ${where} ${during('i.created_at')}`;
      const event = `identification_events e JOIN identifications i ON i.id = e.identification_id`;
      return [
        cohort('created', event, `e.kind = 'created'`),
        cohort(
          'requested',
          event,
          `e.kind = 'transition' AND e.from_status = 'created' AND e.to_status = 'pending'`,
        ),
        cohort(
          'reviewed',
          'identifications i',
          `EXISTS (SELECT 1 FROM identification_events e WHERE e.identification_id = i.id AND e.kind = 'transition'
                      AND e.to_status IN ('pending_successful', 'pending_failed', 'successful', 'failed'))`,
        ),
        cohort('successful', event, `e.kind = 'transition' AND e.to_status = 'successful'`),
      ].join(' UNION ALL ');
    }
    case 'duration':
      return `
        SELECT ${HOUR('e.created_at')} AS hour, i.partner_id, coalesce(i.language, '') AS language,
               e.to_status AS status, coalesce(e.reason_code, '') AS reason,
               analytics_path(e.identification_id, e.id) AS path,
               analytics_duration_bucket(extract(epoch FROM e.created_at - i.created_at)::float8) AS bucket, 1 AS n
          FROM identification_events e JOIN identifications i ON i.id = e.identification_id
         WHERE e.kind = 'transition' AND e.to_status IN ${FINALS} ${during('e.created_at')}`;
    case 'retry':
      return `
        SELECT ${HOUR('e.created_at')} AS hour, i.partner_id, coalesce(i.language, '') AS language,
               e.to_status AS status, coalesce(p.failure_reason, '') AS reason, p.status AS path, 0 AS bucket, 1 AS n
          FROM identification_events e JOIN identifications i ON i.id = e.identification_id
          JOIN identifications p ON p.id = i.previous_identification_id
         WHERE e.kind = 'transition' AND e.to_status IN ${FINALS} ${during('e.created_at')}`;
  }
}
