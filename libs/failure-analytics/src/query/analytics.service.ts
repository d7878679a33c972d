import { Injectable } from '@nestjs/common';
import {
  admitsOutcome,
  type CausedByUser,
  classifyOutcome,
  OUTCOME_STATUSES,
  type OutcomeCategory,
  type OutcomeStatus,
} from '#kyc/identifications';
import {
  AnalyticsCountsRepository,
  type CountQuery,
  type CountRow,
} from '../rollup/analytics-counts.repository.js';
import type { Metric } from '../rollup/raw-counts.sql.js';
import { type AnalyticsQuery, bucketStarts } from './analytics-query.js';
import { percentileSeconds } from './duration-histogram.js';

/** Where counts come from: the rollup (always, for the api) or the raw events (the oracle in tests). */
export type CountSource = 'rollup' | 'raw';

const FUNNEL_STEPS = ['created', 'requested', 'reviewed', 'successful'] as const;
const CAUSES: readonly CausedByUser[] = ['yes', 'no', 'unknown'];

interface ReasonClass {
  code: string | null;
  category: OutcomeCategory;
  permanent: boolean;
  caused_by_user: CausedByUser;
}

const share = (n: number, of: number) => (of ? round(n / of) : 0);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The answers of `/admin/analytics/...`, computed from grouped counts. Filters on partner, language and
 * status go to SQL; the catalog filters (category, permanent, user-caused) are applied here to the few
 * grouped (status, reason) rows, with the same classification the identification list uses.
 */
@Injectable()
export class AnalyticsService {
  constructor(private readonly counts: AnalyticsCountsRepository) {}

  private read(source: CountSource, q: CountQuery): Promise<CountRow[]> {
    return source === 'rollup' ? this.counts.fromRollup(q) : this.counts.fromRaw(q);
  }

  private base(
    q: AnalyticsQuery,
    metric: Metric,
  ): Pick<CountQuery, 'metric' | 'from' | 'to' | 'partnerId' | 'language'> {
    return { metric, from: q.from, to: q.to, partnerId: q.partnerId, language: q.language };
  }

  private admits(q: AnalyticsQuery, status: string, reason: string): boolean {
    return (
      (!q.statuses || q.statuses.includes(status as OutcomeStatus)) &&
      admitsOutcome(status, reason, q.outcomeClass)
    );
  }

  /** `admits`, remembered per (status, reason): a long series repeats the same few pairs thousands of times. */
  private admitter(q: AnalyticsQuery): (status: string, reason: string) => boolean {
    return memo((status, reason) => this.admits(q, status, reason));
  }

  /** Outcomes by status per bucket, every bucket present. */
  async statusTrend(q: AnalyticsQuery, source: CountSource = 'rollup') {
    const rows = await this.read(source, {
      ...this.base(q, 'outcome'),
      statuses: q.statuses,
      granularity: q.granularity,
      by: ['status', 'reason'],
    });
    const series = new Map(
      bucketStarts(q.from, q.to, q.granularity).map((t) => [
        t.getTime(),
        { start: t.toISOString(), ...zeros(OUTCOME_STATUSES), total: 0 },
      ]),
    );
    const admits = this.admitter(q);
    for (const r of rows) {
      if (!admits(r.status!, r.reason!)) continue;
      const point = series.get(r.t!.getTime())!;
      point[r.status as OutcomeStatus] += r.n;
      point.total += r.n;
    }
    return { range: range(q), series: [...series.values()] };
  }

  /**
   * Failures (every outcome but `successful`) by code, category and the two splits, as counts and as
   * shares of all outcomes in the range (of the partner and language asked for); and the splits per bucket.
   */
  async failures(q: AnalyticsQuery, source: CountSource = 'rollup') {
    const rows = await this.read(source, {
      ...this.base(q, 'outcome'),
      granularity: q.granularity,
      by: ['status', 'reason'],
    });
    const outcomes = sum(rows);
    const admits = this.admitter(q);
    const failed = rows.filter((r) => r.status !== 'successful' && admits(r.status!, r.reason!));
    const byCode = new Map<string, ReasonClass & { count: number }>();
    const series = new Map(
      bucketStarts(q.from, q.to, q.granularity).map((t) => [
        t.getTime(),
        {
          start: t.toISOString(),
          permanent: 0,
          temporary: 0,
          user_caused: 0,
          not_user_caused: 0,
          unknown: 0,
        },
      ]),
    );
    const classOf = memo(reasonClass);
    for (const r of failed) {
      const c = classOf(r.status!, r.reason!);
      const key = `${c.code ?? ''}|${c.category}|${c.permanent}|${c.caused_by_user}`;
      const entry = byCode.get(key) ?? { ...c, count: 0 };
      entry.count += r.n;
      byCode.set(key, entry);
      const point = series.get(r.t!.getTime())!;
      point[c.permanent ? 'permanent' : 'temporary'] += r.n;
      point[
        c.caused_by_user === 'yes' ? 'user_caused' : c.caused_by_user === 'no' ? 'not_user_caused' : 'unknown'
      ] += r.n;
    }
    const codes = [...byCode.values()].sort((a, b) => b.count - a.count || compare(a.code, b.code));
    const total = sum(failed);
    const tally = <K extends string | boolean>(keys: readonly K[], of: (c: ReasonClass) => K) =>
      keys.map((k) => {
        const count = codes.filter((c) => of(c) === k).reduce((n, c) => n + c.count, 0);
        return { count, share: share(count, outcomes), key: k };
      });
    const categories = [...new Set(codes.map((c) => c.category))];
    return {
      range: range(q),
      outcomes,
      failures: total,
      failure_share: share(total, outcomes),
      by_code: codes.map((c) => ({ ...c, share: share(c.count, outcomes) })),
      by_category: tally(categories, (c) => c.category)
        .map(({ key, ...rest }) => ({ category: key, ...rest }))
        .sort((a, b) => b.count - a.count),
      by_permanence: tally([true, false], (c) => c.permanent).map(({ key, ...rest }) => ({
        permanent: key,
        ...rest,
      })),
      by_caused_by_user: tally(CAUSES, (c) => c.caused_by_user).map(({ key, ...rest }) => ({
        caused_by_user: key,
        ...rest,
      })),
      series: [...series.values()],
    };
  }

  /** Identifications created in the range, and how many of them reached each step. */
  async funnel(q: AnalyticsQuery, source: CountSource = 'rollup') {
    const rows = await this.read(source, { ...this.base(q, 'funnel'), granularity: null, by: ['status'] });
    const count = (step: string) => rows.find((r) => r.status === step)?.n ?? 0;
    const created = count('created');
    let previous = created;
    const steps = FUNNEL_STEPS.map((step) => {
      const n = count(step);
      const out = {
        step,
        count: n,
        conversion: share(n, created),
        drop_off: previous - n,
        drop_off_share: share(previous - n, previous),
      };
      previous = n;
      return out;
    });
    return { range: range(q), steps };
  }

  /** Median and p90 of the time from creation to the final status: overall, per status, per path taken. */
  async timeToFinal(q: AnalyticsQuery, source: CountSource = 'rollup') {
    const rows = (
      await this.read(source, {
        ...this.base(q, 'duration'),
        statuses: q.statuses,
        granularity: null,
        by: ['status', 'reason', 'path', 'bucket'],
      })
    ).filter((r) => this.admits(q, r.status!, r.reason!));
    const summary = (subset: CountRow[]) => {
      const histogram = new Map<number, number>();
      for (const r of subset) histogram.set(r.bucket!, (histogram.get(r.bucket!) ?? 0) + r.n);
      return {
        count: sum(subset),
        median_seconds: percentileSeconds(histogram, 0.5),
        p90_seconds: percentileSeconds(histogram, 0.9),
      };
    };
    const groups = (key: (r: CountRow) => string) => {
      const by = new Map<string, CountRow[]>();
      for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
      return [...by.entries()].map(([k, subset]) => ({ key: k, ...summary(subset) }));
    };
    return {
      range: range(q),
      resolution: 'Durations are counted in buckets 10 % wide; each figure is its bucket’s middle.',
      overall: summary(rows),
      by_status: groups((r) => r.status!)
        .map(({ key, ...rest }) => ({ status: key, ...rest }))
        .sort((a, b) => b.count - a.count || compare(a.status, b.status)),
      by_path: groups((r) => r.path!)
        .map(({ key, ...rest }) => ({ path: key.split('>'), ...rest }))
        .sort((a, b) => b.count - a.count || compare(a.path.join('>'), b.path.join('>'))),
    };
  }

  /** Re-identifications that reached a final status in the range, by their predecessor's reason. */
  async retries(q: AnalyticsQuery, source: CountSource = 'rollup') {
    const rows = (
      await this.read(source, {
        ...this.base(q, 'retry'),
        statuses: q.statuses,
        granularity: null,
        by: ['status', 'reason', 'path'],
      })
    ).filter((r) => admitsOutcome(r.path!, r.reason!, q.outcomeClass));
    const byReason = new Map<string, ReasonClass & { reidentifications: number; successful: number }>();
    for (const r of rows) {
      const c = reasonClass(r.path!, r.reason!);
      const key = `${c.code ?? ''}|${c.category}|${c.permanent}|${c.caused_by_user}`;
      const entry = byReason.get(key) ?? { ...c, reidentifications: 0, successful: 0 };
      entry.reidentifications += r.n;
      if (r.status === 'successful') entry.successful += r.n;
      byReason.set(key, entry);
    }
    const reasons = [...byReason.values()]
      .map(({ code, ...rest }) => ({
        previous_reason: code,
        ...rest,
        success_rate: share(rest.successful, rest.reidentifications),
      }))
      .sort(
        (a, b) => b.reidentifications - a.reidentifications || compare(a.previous_reason, b.previous_reason),
      );
    const all = sum(rows);
    const successful = sum(rows.filter((r) => r.status === 'successful'));
    return {
      range: range(q),
      reidentifications: all,
      successful,
      success_rate: share(successful, all),
      by_reason: reasons,
    };
  }

  /** The most frequent failure reasons of the range, against the range of the same length before it. */
  async topReasons(q: AnalyticsQuery, source: CountSource = 'rollup') {
    const length = q.to.getTime() - q.from.getTime();
    const previous = { ...q, from: new Date(q.from.getTime() - length), to: q.from };
    const [now, before] = await Promise.all(
      [q, previous].map(async (r) => {
        const rows = await this.read(source, {
          ...this.base(r, 'outcome'),
          granularity: null,
          by: ['status', 'reason'],
        });
        const byCode = new Map<string, ReasonClass & { count: number }>();
        for (const row of rows) {
          if (row.status === 'successful' || !this.admits(q, row.status!, row.reason!)) continue;
          const c = reasonClass(row.status!, row.reason!);
          const key = `${c.code ?? ''}|${c.category}|${c.permanent}|${c.caused_by_user}`;
          const entry = byCode.get(key) ?? { ...c, count: 0 };
          entry.count += row.n;
          byCode.set(key, entry);
        }
        return { outcomes: sum(rows), byCode };
      }),
    );
    const reasons = [...now.byCode.entries()]
      .sort(([, a], [, b]) => b.count - a.count || compare(a.code, b.code))
      .slice(0, q.limit)
      .map(([key, c]) => {
        const was = before.byCode.get(key)?.count ?? 0;
        return {
          ...c,
          share: share(c.count, now.outcomes),
          previous_count: was,
          previous_share: share(was, before.outcomes),
          change: c.count - was,
          change_share: was ? round((c.count - was) / was) : null,
        };
      });
    return {
      range: range(q),
      previous_range: { from: previous.from.toISOString(), to: previous.to.toISOString() },
      outcomes: now.outcomes,
      previous_outcomes: before.outcomes,
      reasons,
    };
  }
}

/** A two-string function remembered per argument pair. */
function memo<T>(f: (a: string, b: string) => T): (a: string, b: string) => T {
  const seen = new Map<string, T>();
  return (a, b) => {
    const key = `${a}|${b}`;
    if (!seen.has(key)) seen.set(key, f(a, b));
    return seen.get(key)!;
  };
}

/** A reason as the analytics show it; several officer reasons of one class stay separate codes. */
function reasonClass(status: string, reason: string): ReasonClass {
  const c = classifyOutcome(status, reason);
  return {
    code: reason || null,
    category: c.category,
    permanent: c.permanent,
    caused_by_user: c.causedByUser,
  };
}

function range(q: AnalyticsQuery) {
  return { from: q.from.toISOString(), to: q.to.toISOString(), granularity: q.granularity };
}

function sum(rows: { n: number }[]): number {
  return rows.reduce((n, r) => n + r.n, 0);
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

// Codes are ASCII: plain code-unit order, the same on every machine; no reason sorts last.
function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
