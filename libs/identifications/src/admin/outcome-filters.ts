import type { ListQuery } from '#kyc/common';
import { DECISION_REASONS } from '../rules/decision-reasons.js';
import { FAILURE_CODES } from '../rules/failure-codes.js';
import {
  OUTCOME_CATEGORIES,
  OUTCOME_STATUSES,
  type OutcomeClassFilter,
  outcomeClassPredicate,
} from '../rules/outcome-classes.js';

/** `outcome_reason=none`: outcomes without a reason (expired, or a result that gives none). */
export const NO_REASON = 'none';

/**
 * The drill-down filters of the identification list: exactly the identifications behind an analytics
 * bar or row. They combine into one condition on one event, so they are not per-column filters.
 */
export const OUTCOME_FILTERS = {
  outcome_from: 'timestamp',
  outcome_to: 'timestamp',
  outcome_status: OUTCOME_STATUSES,
  outcome_reason: [
    ...FAILURE_CODES.map((c) => c.code),
    ...Object.values(DECISION_REASONS).flatMap((rs) => rs.map((r) => r.code)),
    NO_REASON,
  ],
  outcome_category: OUTCOME_CATEGORIES,
  outcome_permanent: 'boolean',
  outcome_caused_by_user: ['yes', 'no', 'unknown'],
  created_from: 'timestamp',
  created_to: 'timestamp',
  reached: ['requested', 'reviewed', 'successful'],
} as const;

/** Filters that say why an identification failed: compliance only (support never learns a failed reason). */
export const REASON_FILTERS = [
  'failure_reason',
  'outcome_reason',
  'outcome_category',
  'outcome_permanent',
  'outcome_caused_by_user',
];

const REACHED: Record<string, string> = {
  requested: `e.from_status = 'created' AND e.to_status = 'pending'`,
  reviewed: `e.to_status IN ('pending_successful', 'pending_failed', 'successful', 'failed')`,
  successful: `e.to_status = 'successful'`,
};

/**
 * Split the drill-down keys off a list query and turn them into one SQL condition over `i` (the same
 * definitions as the analytics rollup: outcome = a transition to an outcome status, bucketed by its time;
 * the funnel's cohort = identifications created in the range).
 */
export function outcomeCondition(q: ListQuery): {
  rest: ListQuery;
  extra?: { condition: string; params: unknown[] };
} {
  const f = { ...q.filter };
  const take = (key: keyof typeof OUTCOME_FILTERS) => {
    const v = f[key];
    delete f[key];
    return v;
  };
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const terms: string[] = [];
  const outcome: string[] = [];
  const [from, to, status, reason] = ['outcome_from', 'outcome_to', 'outcome_status', 'outcome_reason'].map(
    (k) => take(k as keyof typeof OUTCOME_FILTERS),
  );
  const cls: OutcomeClassFilter = {
    category: take('outcome_category') as OutcomeClassFilter['category'],
    permanent: take('outcome_permanent') as boolean | undefined,
    causedByUser: take('outcome_caused_by_user') as OutcomeClassFilter['causedByUser'],
  };
  if (from !== undefined) outcome.push(`e.created_at >= ${p(from)}`);
  if (to !== undefined) outcome.push(`e.created_at < ${p(to)}`);
  if (status !== undefined) outcome.push(`e.to_status = ANY(${p([status].flat())})`);
  if (reason !== undefined) {
    const codes = [reason].flat() as string[];
    const named = codes.filter((c) => c !== NO_REASON);
    const alternatives = [
      ...(named.length ? [`e.reason_code = ANY(${p(named)})`] : []),
      ...(codes.includes(NO_REASON) ? ['e.reason_code IS NULL'] : []),
    ];
    outcome.push(`(${alternatives.join(' OR ')})`);
  }
  const predicate = outcomeClassPredicate(cls, { status: 'e.to_status', reason: 'e.reason_code' }, p);
  if (predicate) outcome.push(predicate);
  if (outcome.length) {
    terms.push(`EXISTS (SELECT 1 FROM identification_events e WHERE e.identification_id = i.id
      AND (e.kind = 'transition' AND e.to_status = ANY(${p([...OUTCOME_STATUSES])})
           OR e.kind = 'repeated' AND e.to_status IN ('aborted', 'canceled'))
      AND ${outcome.join(' AND ')})`);
  }
  const createdFrom = take('created_from');
  const createdTo = take('created_to');
  if (createdFrom !== undefined) terms.push(`i.created_at >= ${p(createdFrom)}`);
  if (createdTo !== undefined) terms.push(`i.created_at < ${p(createdTo)}`);
  const reached = take('reached');
  if (reached !== undefined) {
    terms.push(`EXISTS (SELECT 1 FROM identification_events e WHERE e.identification_id = i.id
      AND e.kind = 'transition' AND ${REACHED[String(reached)]})`);
  }
  const rest = { ...q, filter: f };
  return terms.length ? { rest, extra: { condition: terms.join(' AND '), params } } : { rest };
}
