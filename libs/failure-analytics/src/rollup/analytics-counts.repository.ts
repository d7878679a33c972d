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

  /**
   * Counts from the rollup: whole days from a daily grain, the edges from the hourly one, plus the deltas
   * not yet folded, in one statement (one snapshot). A question that neither filters nor groups by partner
   * or language reads the daily grain summed over both ('a'), a fifth of the rows.
   */
  async fromRollup(q: CountQuery): Promise<CountRow[]> {
    const params: unknown[] = [q.metric];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const [from, to] = [p(q.from), p(q.to)];
    const [dayFrom, dayTo] = q.granularity === 'hour' ? [q.from, q.from] : wholeDays(q.from, q.to);
    const [d1, d2] = [p(dayFrom), p(dayTo)];
    const filters = this.filters(q, p);
    const perTenant =
      q.partnerId !== undefined ||
      q.language !== undefined ||
      q.by.includes('partner_id') ||
      q.by.includes('language');
    const t = (col: string, grain: 'hour' | 'day') => this.bucketOf(col, grain, q, p);
    const sql = `
      SELECT ${t('bucket_start', 'day')}, ${ROW}, n FROM analytics_rollup
       WHERE grain = '${perTenant ? 'd' : 'a'}' AND metric = $1
         AND bucket_start >= ${d1} AND bucket_start < ${d2} ${filters}
      UNION ALL
      SELECT ${t('bucket_start', 'hour')}, ${ROW}, n FROM analytics_rollup
       WHERE grain = 'h' AND metric = $1 ${filters}
         AND ((bucket_start >= ${from} AND bucket_start < ${d1}) OR (bucket_start >= ${d2} AND bucket_start < ${to}))
      UNION ALL
      SELECT ${t('hour', 'hour')}, ${ROW}, n FROM analytics_deltas
       WHERE metric = $1 AND hour >= ${from} AND hour < ${to} ${filters}`;
    return this.grouped(sql, q, params);
  }

  /** The same counts computed from identifications and events: slow, and the truth. */
  async fromRaw(q: CountQuery): Promise<CountRow[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const range = { from: `${p(q.from)}::timestamptz`, to: `${p(q.to)}::timestamptz` };
    const sql = `SELECT ${this.bucketOf('r.hour', 'hour', q, p)}, r.* FROM (${rawMetricSql(q.metric, range)}) r
                  WHERE true ${this.filters(q, p)}`;
    return this.grouped(sql, q, params);
  }

  /** The bucket (column `t`) of a row stored at `grain`: as it is when that is the question's granularity. */
  private bucketOf(col: string, grain: 'hour' | 'day', q: CountQuery, p: (v: unknown) => string): string {
    if (!q.granularity || q.granularity === grain) return `${col} AS t`;
    return `date_trunc(${p(q.granularity)}, ${col}, 'UTC') AS t`;
  }

  private filters(q: CountQuery, p: (v: unknown) => string): string {
    return [
      q.partnerId === undefined ? '' : `AND partner_id = ${p(q.partnerId)}`,
      q.language === undefined ? '' : `AND language = ${p(q.language)}`,
      q.statuses === undefined ? '' : `AND status = ANY(${p(q.statuses)})`,
    ].join(' ');
  }

  private async grouped(inner: string, q: CountQuery, params: unknown[]): Promise<CountRow[]> {
    const keys = [...(q.granularity ? ['x.t'] : []), ...q.by.map((d) => `x.${d}`)];
    const groupBy = keys.length ? `GROUP BY ${keys.join(', ')}` : '';
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
    const upsert = (grain: Grain, source: string) => `
      INSERT INTO analytics_rollup (${KEY}, n) ${grainRows(grain, source)}
      ON CONFLICT (${KEY}) DO UPDATE SET n = analytics_rollup.n + EXCLUDED.n`;
    const [{ moved }] = await tx.query<{ moved: number }[]>(
      `WITH moved AS (
         DELETE FROM analytics_deltas
          WHERE id IN (SELECT id FROM analytics_deltas ORDER BY id ${limit === null ? '' : `LIMIT ${limit}`})
         RETURNING *),
       hourly AS (${upsert('h', 'moved')}),
       daily AS (${upsert('d', 'moved')}),
       overall AS (${upsert('a', 'moved')})
       SELECT count(*)::int AS moved FROM moved`,
    );
    return moved;
  }

  /**
   * Recompute the whole rollup from the events, in one transaction: the hourly grain in one statement and
   * snapshot with dropping the deltas (events committed before it are counted from the raw rows, later ones
   * by their own deltas), then the daily grains from the hourly one, then fresh statistics.
   */
  rebuild(): Promise<{ rows: number }> {
    return this.ds.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`);
      await tx.query(`DELETE FROM analytics_rollup`);
      const raw = METRICS.map((m) => `SELECT '${m}' AS metric, * FROM (${rawMetricSql(m, null)}) ${m}`);
      await tx.query(
        `WITH gone AS (DELETE FROM analytics_deltas RETURNING 1)
         INSERT INTO analytics_rollup (${KEY}, n) ${grainRows('h', `(${raw.join(' UNION ALL ')})`)}`,
      );
      const hourly = `(SELECT metric, bucket_start AS hour, ${ROW}, n FROM analytics_rollup WHERE grain = 'h')`;
      await tx.query(`INSERT INTO analytics_rollup (${KEY}, n) ${grainRows('d', hourly)}`);
      await tx.query(`INSERT INTO analytics_rollup (${KEY}, n) ${grainRows('a', hourly)}`);
      await tx.query(`ANALYZE analytics_rollup`);
      const [{ rows }] = await tx.query<{ rows: number }[]>(
        `SELECT count(*)::int AS rows FROM analytics_rollup`,
      );
      return { rows };
    });
  }
}

type Grain = 'h' | 'd' | 'a';

/**
 * The rollup rows of one grain from delta-shaped rows (metric, hour, partner_id, …, n): hourly; daily; or
 * daily summed over partners and languages (stored as '*').
 */
function grainRows(grain: Grain, source: string): string {
  const bucket = grain === 'h' ? 'hour' : `date_trunc('day', hour, 'UTC')`;
  const tenant = grain === 'a' ? `'*', '*'` : 'partner_id, language';
  const rest = 'status, reason, path, bucket';
  return `SELECT '${grain}', metric, ${bucket}, ${tenant}, ${rest}, sum(n) FROM ${source} s
           GROUP BY metric, ${bucket}, ${grain === 'a' ? '' : 'partner_id, language, '}${rest}`;
}

/** The whole UTC days inside [from, to): [first midnight at or after from, last midnight at or before to). */
function wholeDays(from: Date, to: Date): [Date, Date] {
  const first = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const last = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  return first < last ? [first, last] : [from, from];
}
