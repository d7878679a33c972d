import type { AnswerRange, Granularity } from './types';

export const PRESETS = ['today', '7d', '30d', '90d', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const GRANULARITIES: readonly Granularity[] = ['hour', 'day', 'week'];
export const LANGUAGES = ['DE', 'EN'] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SIZE: Record<Granularity, number> = { hour: HOUR, day: DAY, week: 7 * DAY };
/** The server's limit of points per series. */
const MAX_POINTS = 744;
const PRESET_DAYS: Record<Exclude<Preset, 'today' | 'custom'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** What the dashboard shows, as its URL query string keeps it (so a link reproduces the view). */
export interface DashboardQuery {
  range: Preset;
  /** custom only: ISO instants. */
  from?: string;
  to?: string;
  /** Absent: chosen from the range's length. */
  granularity?: Granularity;
  partner_id?: string;
  language?: (typeof LANGUAGES)[number];
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

const isoOrUndefined = (value: string | null): string | undefined =>
  value && !Number.isNaN(new Date(value).getTime()) ? new Date(value).toISOString() : undefined;

export function parseDashboardQuery(search: URLSearchParams): DashboardQuery {
  const q: DashboardQuery = { range: oneOf(search.get('range'), PRESETS) ?? '7d' };
  const from = isoOrUndefined(search.get('from'));
  const to = isoOrUndefined(search.get('to'));
  if (q.range === 'custom') {
    if (from && to && from < to) Object.assign(q, { from, to });
    else q.range = '7d';
  }
  const granularity = oneOf(search.get('granularity'), GRANULARITIES);
  if (granularity) q.granularity = granularity;
  const partner = search.get('partner_id')?.trim();
  if (partner) q.partner_id = partner;
  const language = oneOf(search.get('language'), LANGUAGES);
  if (language) q.language = language;
  return q;
}

export function toSearchParams(q: DashboardQuery): URLSearchParams {
  const out = new URLSearchParams({ range: q.range });
  if (q.range === 'custom' && q.from && q.to) {
    out.set('from', q.from);
    out.set('to', q.to);
  }
  for (const key of ['granularity', 'partner_id', 'language'] as const) {
    const value = q[key];
    if (value) out.set(key, value);
  }
  return out;
}

const floorHour = (t: number) => Math.floor(t / HOUR) * HOUR;
const ceilHour = (t: number) => Math.ceil(t / HOUR) * HOUR;

/**
 * The instants a preset stands for, in whole hours as the server rounds them (so the answer, and the
 * query key, stay the same for the rest of the hour). Today starts at the browser's midnight.
 */
export function resolveRange(q: DashboardQuery, now: Date): { from: Date; to: Date } {
  if (q.range === 'custom' && q.from && q.to) {
    return { from: new Date(floorHour(Date.parse(q.from))), to: new Date(ceilHour(Date.parse(q.to))) };
  }
  const to = ceilHour(now.getTime() + 1);
  if (q.range === 'today' || q.range === 'custom') {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    return { from: new Date(floorHour(midnight.getTime())), to: new Date(to) };
  }
  return { from: new Date(to - PRESET_DAYS[q.range] * DAY), to: new Date(to) };
}

/** Up to 2 days by hour, up to 45 days by day, longer by week. */
export function autoGranularity(from: Date, to: Date): Granularity {
  const span = to.getTime() - from.getTime();
  if (span <= 2 * DAY) return 'hour';
  return span <= 45 * DAY ? 'day' : 'week';
}

/** The granularities whose series stay within the server's limit of points. */
export function allowedGranularities(from: Date, to: Date): Granularity[] {
  return GRANULARITIES.filter((g) => (to.getTime() - from.getTime()) / SIZE[g] <= MAX_POINTS);
}

/** The query string of every analytics call: the range, the granularity and the dimension filters. */
export function analyticsParams(q: DashboardQuery, now: Date): Record<string, string> {
  const { from, to } = resolveRange(q, now);
  const allowed = allowedGranularities(from, to);
  const granularity =
    q.granularity && allowed.includes(q.granularity) ? q.granularity : autoGranularity(from, to);
  const params: Record<string, string> = {
    from: from.toISOString(),
    to: to.toISOString(),
    granularity,
  };
  if (q.partner_id) params.partner_id = q.partner_id;
  if (q.language) params.language = q.language;
  return params;
}

/**
 * The instants one bucket covers within the answer's range: the first and last bucket of a day or week
 * series can start before or end after the range, and the counts cover only the part inside it.
 */
export function bucketBounds(start: string, range: AnswerRange): { from: string; to: string } {
  const begin = Date.parse(start);
  const from = Math.max(begin, Date.parse(range.from));
  const to = Math.min(begin + SIZE[range.granularity], Date.parse(range.to));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
