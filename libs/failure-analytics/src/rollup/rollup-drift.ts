import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { METRICS, type Metric, rawMetricSql } from './raw-counts.sql.js';

const DAY_MS = 86_400_000;
/** Days compared per statement: the raw side of one window is what PostgreSQL holds at once. */
export const DRIFT_WINDOW_DAYS = 7;

/** One rollup key whose count differs from the raw events' (the rollup's own key, no personal data). */
export interface RollupMismatch {
  metric: Metric;
  grain: 'h' | 'd' | 'a';
  bucket_start: string;
  partner_id: string;
  language: string;
  status: string;
  reason: string;
  path: string;
  bucket: number;
  expected: number;
  actual: number;
}

export interface RollupDrift {
  /** The compared range: whole UTC days, [from, to). */
  from: string | null;
  to: string;
  mismatched_keys: number;
  by_metric: Record<Metric, number>;
  /** Sum over the mismatching keys of the raw counts and of the rollup's (rollup plus unfolded deltas). */
  expected_total: number;
  actual_total: number;
  items: RollupMismatch[];
}

const ROW = 'partner_id, language, status, reason, path, bucket';

/**
 * The rollup (every grain, plus the deltas not yet folded) against the raw events, with the same
 * set-based oracle `npm run analytics:rebuild` loads (raw-counts.sql.ts): one statement per metric and
 * window of whole days, returning only the keys that differ. Compares the days before `before`'s day.
 */
@Injectable()
export class RollupDriftCheck {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async compare(before: Date, cap: number): Promise<RollupDrift> {
    const to = new Date(Math.floor(before.getTime() / DAY_MS) * DAY_MS);
    const by_metric = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
    const drift: RollupDrift = {
      from: null,
      to: to.toISOString(),
      mismatched_keys: 0,
      by_metric,
      expected_total: 0,
      actual_total: 0,
      items: [],
    };
    // Where either side starts; the first transition comes from an index (identifications have none on time).
    const [{ first }] = await this.ds.query<{ first: Date | null }[]>(
      `SELECT least((SELECT min(bucket_start) FROM analytics_rollup), (SELECT min(hour) FROM analytics_deltas),
                    (SELECT min(created_at) FROM identification_events WHERE kind = 'transition')) AS first`,
    );
    if (!first) return drift;
    const from = new Date(Math.floor(new Date(first).getTime() / DAY_MS) * DAY_MS);
    drift.from = from.toISOString();
    for (let start = from; start < to; start = new Date(start.getTime() + DRIFT_WINDOW_DAYS * DAY_MS)) {
      const end = new Date(Math.min(to.getTime(), start.getTime() + DRIFT_WINDOW_DAYS * DAY_MS));
      for (const metric of METRICS) {
        // One row at least, for the totals, even once the list is full.
        const room = cap - drift.items.length;
        const rows = await this.window(metric, start, end, Math.max(1, room));
        if (!rows.length) continue;
        by_metric[metric] += rows[0].total;
        drift.mismatched_keys += rows[0].total;
        drift.expected_total += Number(rows[0].expected_total);
        drift.actual_total += Number(rows[0].actual_total);
        for (const r of rows.slice(0, Math.max(0, room))) drift.items.push(toMismatch(metric, r));
      }
    }
    return drift;
  }

  /** The differing keys of one metric in [from, to), at most `limit` of them; the totals on every row. */
  private window(metric: Metric, from: Date, to: Date, limit: number): Promise<DiffRow[]> {
    const range = { from: '$1::timestamptz', to: '$2::timestamptz' };
    const grains = (source: string) => `
      SELECT 'h' AS grain, hour AS bucket_start, ${ROW}, n FROM ${source}
      UNION ALL SELECT 'd', date_trunc('day', hour, 'UTC'), ${ROW}, n FROM ${source}
      UNION ALL SELECT 'a', date_trunc('day', hour, 'UTC'), '*', '*', status, reason, path, bucket, n FROM ${source}`;
    const columns = ['grain', 'bucket_start', ...ROW.split(', ')];
    const keys = columns.join(', ');
    const on = columns.map((k) => `e.${k} = a.${k}`).join(' AND ');
    const pick = columns.map((k) => `coalesce(e.${k}, a.${k}) AS ${k}`).join(', ');
    return this.ds.query<DiffRow[]>(
      `WITH raw AS (SELECT * FROM (${rawMetricSql(metric, range)}) r),
            expected AS (SELECT ${keys}, sum(n)::bigint AS n FROM (${grains('raw')}) x GROUP BY ${keys}),
            deltas AS (SELECT hour, ${ROW}, n FROM analytics_deltas WHERE metric = $3 AND hour >= $1 AND hour < $2),
            actual AS (
              SELECT ${keys}, sum(n)::bigint AS n FROM (
                SELECT grain::text AS grain, bucket_start, ${ROW}, n FROM analytics_rollup
                 WHERE metric = $3 AND bucket_start >= $1 AND bucket_start < $2
                UNION ALL ${grains('deltas')}) y
              GROUP BY ${keys}),
            diff AS (
              SELECT ${pick}, coalesce(e.n, 0) AS expected, coalesce(a.n, 0) AS actual
                FROM expected e FULL JOIN actual a ON ${on}
               WHERE coalesce(e.n, 0) <> coalesce(a.n, 0))
       SELECT count(*) OVER ()::int AS total, sum(expected) OVER () AS expected_total,
              sum(actual) OVER () AS actual_total, d.*
         FROM diff d ORDER BY bucket_start, grain, ${ROW} LIMIT $4`,
      [from, to, metric, limit],
    );
  }
}

/** A differing key as the statement answers it (bigints as strings). */
type DiffRow = Omit<RollupMismatch, 'metric' | 'expected' | 'actual'> & {
  total: number;
  expected_total: string;
  actual_total: string;
  expected: string;
  actual: string;
};

function toMismatch(metric: Metric, r: DiffRow): RollupMismatch {
  return {
    metric,
    grain: r.grain,
    bucket_start: new Date(r.bucket_start).toISOString(),
    partner_id: r.partner_id,
    language: r.language.trim(),
    status: r.status,
    reason: r.reason,
    path: r.path,
    bucket: Number(r.bucket),
    expected: Number(r.expected),
    actual: Number(r.actual),
  };
}
