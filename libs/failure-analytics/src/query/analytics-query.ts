import { type FieldIssue, ValidationError } from '#kyc/common';
import {
  type CausedByUser,
  OUTCOME_CATEGORIES,
  OUTCOME_STATUSES,
  type OutcomeCategory,
  type OutcomeClassFilter,
  type OutcomeStatus,
} from '#kyc/identifications';
import type { Granularity } from '../rollup/analytics-counts.repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest range one question may span, and the most points a series may have. */
export const MAX_RANGE_DAYS = 400;
const MAX_POINTS = 24 * 31;
const GRANULARITY_MS: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };
const LANGUAGES = ['DE', 'EN'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** What every analytics question takes: a range of whole UTC hours, a granularity and the filters. */
export interface AnalyticsQuery {
  from: Date;
  to: Date;
  granularity: Granularity;
  partnerId?: string;
  language?: string;
  statuses?: OutcomeStatus[];
  outcomeClass: OutcomeClassFilter;
  /** top-reasons only: how many reasons. */
  limit: number;
}

const KNOWN = new Set([
  'from',
  'to',
  'granularity',
  'partner_id',
  'language',
  'status',
  'category',
  'permanent',
  'caused_by_user',
  'limit',
]);

/**
 * Read and check the query string. Defaults: the last 7 days up to the end of the current hour, by day.
 * `from` is rounded down and `to` up to whole hours (the rollup's grain). Every problem is reported at once.
 */
export function parseAnalyticsQuery(raw: Record<string, unknown>, now: Date): AnalyticsQuery {
  const issues: FieldIssue[] = [];
  const bad = (field: string, message: string) => issues.push({ field, message });
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) bad(key, 'is not a known parameter');
  const str = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '' || v.length > 200) {
      bad(key, 'must be given once, as a non-empty string');
      return undefined;
    }
    return v;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = str(key);
    if (v !== undefined && !allowed.includes(v as T)) bad(key, `must be one of ${allowed.join(', ')}`);
    return v as T | undefined;
  };
  const time = (key: string): Date | undefined => {
    const v = str(key);
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (!ISO.test(v) || Number.isNaN(d.getTime())) bad(key, 'must be an ISO 8601 date or date-time');
    return d;
  };

  const granularity = oneOf<Granularity>('granularity', ['hour', 'day', 'week']) ?? 'day';
  const to = ceilHour(time('to') ?? now);
  const from = floorHour(time('from') ?? new Date(to.getTime() - 7 * DAY_MS));
  if (from >= to) bad('from', 'must be before to');
  else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    bad('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
  else if ((to.getTime() - from.getTime()) / GRANULARITY_MS[granularity] > MAX_POINTS)
    bad('granularity', `gives more than ${MAX_POINTS} points for this range; choose a coarser one`);

  const partnerId = str('partner_id');
  if (partnerId !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(partnerId))
    bad('partner_id', 'is not a partner id');
  const language = oneOf('language', LANGUAGES);
  const statusList = str('status')?.split(',');
  for (const s of statusList ?? [])
    if (!OUTCOME_STATUSES.includes(s as OutcomeStatus))
      bad('status', `must be a comma-separated list of ${OUTCOME_STATUSES.join(', ')}`);
  const category = oneOf<OutcomeCategory>('category', OUTCOME_CATEGORIES);
  const permanent = oneOf('permanent', ['true', 'false']);
  const causedByUser = oneOf<CausedByUser>('caused_by_user', ['yes', 'no', 'unknown']);
  const limitText = str('limit');
  const limit = limitText === undefined ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) bad('limit', 'must be an integer from 1 to 100');

  if (issues.length) throw new ValidationError(issues);
  return {
    from,
    to,
    granularity,
    partnerId,
    language,
    statuses: statusList ? [...new Set(statusList as OutcomeStatus[])] : undefined,
    outcomeClass: {
      category,
      permanent: permanent === undefined ? undefined : permanent === 'true',
      causedByUser,
    },
    limit,
  };
}

export function floorHour(d: Date): Date {
  return new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
}

export function ceilHour(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS);
}

/** Every bucket start of the range at this granularity (weeks start on Monday, as date_trunc's do). */
export function bucketStarts(from: Date, to: Date, g: Granularity): Date[] {
  const first = truncate(from, g);
  const out: Date[] = [];
  for (let t = first.getTime(); t < to.getTime(); t += GRANULARITY_MS[g]) out.push(new Date(t));
  return out;
}

function truncate(d: Date, g: Granularity): Date {
  if (g === 'hour') return floorHour(d);
  const day = Math.floor(d.getTime() / DAY_MS) * DAY_MS;
  if (g === 'day') return new Date(day);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  return new Date(day - weekday * DAY_MS);
}
