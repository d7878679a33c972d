import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { METRICS, type Metric, rawMetricSql } from './raw-counts.sql.js';

export type Granularity = 'hour' | 'day' | 'week';
export type Dimension = 'partner_id' | 'language' | 'status' | 'reason' | 'path' | 'bucket';

/** One question to the counts: a metric in a range of whole UTC hours, grouped by time and dimensions. */
export interface CountQuery {
  metric: Metric;
  from: Date;
  to: Date;
  /** Group by buckets of this size (rows then carry `t`); none: totals over the range. */
  granularity: Granularity | null;
  partnerId?: string;
  language?: string;
  statuses?: readonly string[];
  by: readonly Dimension[];
}

export interface CountRow {
  t?: Date;
  partner_id?: string;
  language?: string;
  status?: string;
  reason?: string;
  path?: string;
  bucket?: number;
  n: number;
}

const ROW = 'partner_id, language, status, reason, path, bucket';
const KEY = `grain, metric, bucket_start, ${ROW}`;
/** One folder at a time, so two processes never upsert the same rollup rows in opposite orders. */
const FOLD_LOCK = 7_265_300;
const DAY_MS = 86_400_000;

/**
 * The analytics counts, read from the rollup (what the api answers) or computed from the raw events
 * (the baseline, and the oracle the rollup is tested against); and the rollup's upkeep: fold and rebuild.
 */
@Injectable()
export class AnalyticsCountsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Counts from the rollup: whole days from the daily grain, the edges from the hourly one, plus unfolded deltas. */
  async fromRollup(q: CountQuery): Promise<CountRow[]> {
    const params: unknown[] = [q.metric];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const [from, to] = [p(q.from), p(q.to)];
    const [dayFrom, dayTo] = q.granularity === 'hour' ? [q.from, q.from] : wholeDays(q.from, q.to);
    const [d1, d2] = [p(dayFrom), p(dayTo)];
    const filters = this.filters(q, p);
    const cols = `bucket_start AS hour, ${ROW}, n`;
    const sql = `
      SELECT ${cols} FROM analytics_rollup
       WHERE grain = 'd' AND metric = $1 AND bucket_start >= ${d1} AND bucket_start < ${d2} ${filters}
      UNION ALL
      SELECT ${cols} FROM analytics_rollup
       WHERE grain = 'h' AND metric = $1 ${filters}
         AND ((bucket_start >= ${from} AND bucket_start < ${d1}) OR (bucket_start >= ${d2} AND bucket_start < ${to}))
      UNION ALL
      SELECT hour, ${ROW}, n FROM analytics_deltas
       WHERE metric = $1 AND hour >= ${from} AND hour < ${to} ${filters}`;
    return this.grouped(sql, q, params, p);
  }

  /** The same counts computed from identifications and events: slow, and the truth. */
  async fromRaw(q: CountQuery): Promise<CountRow[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const range = { from: `${p(q.from)}::timestamptz`, to: `${p(q.to)}::timestamptz` };
    const sql = `SELECT * FROM (${rawMetricSql(q.metric, range)}) r WHERE true ${this.filters(q, p)}`;
    return this.grouped(sql, q, params, p);
  }

  private filters(q: CountQuery, p: (v: unknown) => string): string {
    return [
      q.partnerId === undefined ? '' : `AND partner_id = ${p(q.partnerId)}`,
      q.language === undefined ? '' : `AND language = ${p(q.language)}`,
      q.statuses === undefined ? '' : `AND status = ANY(${p(q.statuses)})`,
    ].join(' ');
  }

  private async grouped(
    inner: string,
    q: CountQuery,
    params: unknown[],
    p: (v: unknown) => string,
  ): Promise<CountRow[]> {
    const keys = [...(q.granularity ? [`date_trunc(${p(q.granularity)}, x.hour, 'UTC') AS t`] : [])];
    keys.push(...q.by.map((d) => `x.${d}`));
    const groupBy = keys.length ? `GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
    const rows = await this.ds.query<Record<string, unknown>[]>(
      `SELECT ${[...keys, 'sum(x.n)::bigint AS n'].join(', ')} FROM (${inner}) x ${groupBy}`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      ...(r.t === undefined ? {} : { t: new Date(r.t as string) }),
      ...(r.bucket === undefined ? {} : { bucket: Number(r.bucket) }),
      n: Number(r.n),
    }));
  }

  /**
   * Move up to `limit` deltas into the hourly and daily rollup, in one statement: a delta is either still
   * a delta or part of the rollup, never both. Answers how many deltas moved (0 when another process folds).
   */
  fold(limit = 50_000): Promise<number> {
    return this.ds.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS locked`,
      );
      return locked ? this.foldIn(tx, limit) : 0;
    });
  }

  private async foldIn(tx: EntityManager, limit: number | null): Promise<number> {
    const upsert = (grain: 'h' | 'd', hour: string) => `
      INSERT INTO analytics_rollup (${KEY}, n)
      SELECT '${grain}', metric, ${hour}, ${ROW}, sum(n) FROM moved GROUP BY metric, ${hour}, ${ROW}
      ON CONFLICT (${KEY}) DO UPDATE SET n = analytics_rollup.n + EXCLUDED.n`;
    const [{ moved }] = await tx.query<{ moved: number }[]>(
      `WITH moved AS (
         DELETE FROM analytics_deltas
          WHERE id IN (SELECT id FROM analytics_deltas ORDER BY id ${limit === null ? '' : `LIMIT ${limit}`})
         RETURNING *),
       hourly AS (${upsert('h', 'hour')}),
       daily AS (${upsert('d', `date_trunc('day', hour, 'UTC')`)})
       SELECT count(*)::int AS moved FROM moved`,
    );
    return moved;
  }

  /**
   * Recompute the whole rollup from the events, in one transaction and one snapshot: events committed
   * before it are counted from the raw rows (their deltas dropped), later ones by their own deltas.
   */
  rebuild(): Promise<{ rows: number }> {
    return this.ds.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`);
      const raw = METRICS.map((m) => `SELECT '${m}' AS metric, * FROM (${rawMetricSql(m, null)}) ${m}`);
      await tx.query(
        `WITH gone_rollup AS (DELETE FROM analytics_rollup RETURNING 1),
              gone_deltas AS (DELETE FROM analytics_deltas RETURNING 1)
         INSERT INTO analytics_deltas (metric, hour, ${ROW}, n)
         SELECT metric, hour, ${ROW}, sum(n) FROM (${raw.join(' UNION ALL ')}) r GROUP BY metric, hour, ${ROW}`,
      );
      await this.foldIn(tx, null);
      const [{ rows }] = await tx.query<{ rows: number }[]>(
        `SELECT count(*)::int AS rows FROM analytics_rollup`,
      );
      return { rows };
    });
  }
}

/** The whole UTC days inside [from, to): [first midnight at or after from, last midnight at or before to). */
function wholeDays(from: Date, to: Date): [Date, Date] {
  const first = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const last = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  return first < last ? [first, last] : [from, from];
}
