import { bucketBounds } from './rangeQuery';
import {
  type AnswerRange,
  type CausedByUser,
  type FunnelStep,
  type OutcomeStatus,
  type ReasonClass,
} from './types';

/** The identification list's drill-down filters (docs/ADMIN-API.md, "Identifications"). */
export interface OutcomeFilter {
  outcome_from?: string;
  outcome_to?: string;
  outcome_status?: OutcomeStatus;
  /** A code, or `none` for outcomes without a reason. */
  outcome_reason?: string;
  outcome_permanent?: boolean;
  outcome_caused_by_user?: CausedByUser;
  created_from?: string;
  created_to?: string;
  reached?: Exclude<FunnelStep, 'created'>;
  partner_id?: string;
  language?: string;
}

/** The failure splits of the dashboard (each bar of the two stacked charts). */
export type FailureSplit = 'permanent' | 'temporary' | 'user_caused' | 'not_user_caused' | 'unknown';

/** The partner and language the dashboard is filtered by: every drill-down keeps them. */
export type Dimensions = Pick<OutcomeFilter, 'partner_id' | 'language'>;

/** The identification list, filtered (react-admin reads `filter` from the URL and shows each as an input). */
export function identificationsLink(filter: OutcomeFilter): string {
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
  return `/identifications?${new URLSearchParams({ filter: JSON.stringify(clean) }).toString()}`;
}

/** One bar of the status trend: the outcomes of that status in that bucket. */
export function statusBarFilter(
  start: string,
  range: AnswerRange,
  status: OutcomeStatus,
  dims: Dimensions,
): OutcomeFilter {
  const { from, to } = bucketBounds(start, range);
  return { outcome_from: from, outcome_to: to, outcome_status: status, ...dims };
}

/** One bar of the failure splits (the server admits only failures once a class filter is given). */
export function splitBarFilter(
  start: string,
  range: AnswerRange,
  split: FailureSplit,
  dims: Dimensions,
): OutcomeFilter {
  const { from, to } = bucketBounds(start, range);
  const base: OutcomeFilter = { outcome_from: from, outcome_to: to, ...dims };
  switch (split) {
    case 'permanent':
      return { ...base, outcome_permanent: true };
    case 'temporary':
      return { ...base, outcome_permanent: false };
    case 'user_caused':
      return { ...base, outcome_caused_by_user: 'yes' };
    case 'not_user_caused':
      return { ...base, outcome_caused_by_user: 'no' };
    case 'unknown':
      return { ...base, outcome_caused_by_user: 'unknown' };
  }
}

/**
 * One row of the top reasons: that reason's failures over the whole range. Without a catalog code (no
 * reason, or an officer's), the row is one class of several, so its permanence is part of the filter
 * (a class filter also leaves out successful outcomes, which have no reason either).
 */
export function reasonFilter(row: ReasonClass, range: AnswerRange, dims: Dimensions): OutcomeFilter {
  const byCode = row.category !== 'None' && row.category !== 'Review';
  return {
    outcome_from: range.from,
    outcome_to: range.to,
    outcome_reason: row.code ?? 'none',
    ...(byCode ? {} : { outcome_permanent: row.permanent }),
    ...dims,
  };
}

/** A stable key of a reason row: the code, and its permanence where the code alone does not fix it. */
export function reasonKey(row: ReasonClass): string {
  const code = row.code ?? 'none';
  if (row.category !== 'None' && row.category !== 'Review') return code;
  return `${code}.${row.permanent ? 'permanent' : 'temporary'}`;
}

/** One step of the funnel: identifications created in the range that reached it. */
export function funnelFilter(step: FunnelStep, range: AnswerRange, dims: Dimensions): OutcomeFilter {
  return {
    created_from: range.from,
    created_to: range.to,
    ...(step === 'created' ? {} : { reached: step }),
    ...dims,
  };
}
