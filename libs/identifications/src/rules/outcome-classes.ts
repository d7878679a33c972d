import { type CausedByUser, FAILURE_CODES, type FailureCategory } from './failure-codes.js';
import { FINAL_STATUSES } from './state-machine.js';
import type { IdentificationStatus } from './identification-status.js';

/**
 * The statuses that end one attempt: what failure analytics count as outcomes. An identification may have
 * several (aborted, then successful on the same url); `successful`, `failed` and `expired` end it for good.
 */
export const OUTCOME_STATUSES = ['successful', 'failed', 'aborted', 'canceled', 'expired'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** Reasons outside the catalog: an officer's decision reason (`Review`) or none at all (`None`). */
export type OutcomeCategory = FailureCategory | 'Review' | 'None';
export const OUTCOME_CATEGORIES: readonly OutcomeCategory[] = [
  'DATA',
  'Technical',
  'User',
  'Other',
  'Review',
  'None',
];

export interface OutcomeClass {
  category: OutcomeCategory;
  permanent: boolean;
  causedByUser: CausedByUser;
}

const CATALOG = new Map(FAILURE_CODES.map((c) => [c.code, c]));

/**
 * How an outcome counts in the permanent/temporary and user-caused splits. A catalog code says so itself;
 * otherwise a final status (failed, expired) is permanent and nobody knows whose fault it was.
 */
export function classifyOutcome(status: string, reason: string | null): OutcomeClass {
  const code = reason ? CATALOG.get(reason) : undefined;
  if (code) return { category: code.category, permanent: code.permanent, causedByUser: code.causedByUser };
  return {
    category: reason ? 'Review' : 'None',
    permanent: FINAL_STATUSES.includes(status as IdentificationStatus),
    causedByUser: 'unknown',
  };
}

export interface OutcomeClassFilter {
  category?: OutcomeCategory;
  permanent?: boolean;
  causedByUser?: CausedByUser;
}

/** Whether a filter asks for a class at all (then only failures match: a success has no class). */
export function hasOutcomeClass(f: OutcomeClassFilter): boolean {
  return f.category !== undefined || f.permanent !== undefined || f.causedByUser !== undefined;
}

/** Whether an outcome passes the filter: anything when it is empty, else only failures of that class. */
export function admitsOutcome(status: string, reason: string | null, f: OutcomeClassFilter): boolean {
  if (!hasOutcomeClass(f)) return true;
  return status !== 'successful' && matchesOutcomeClass(classifyOutcome(status, reason), f);
}

export function matchesOutcomeClass(c: OutcomeClass, f: OutcomeClassFilter): boolean {
  return (
    (f.category === undefined || c.category === f.category) &&
    (f.permanent === undefined || c.permanent === f.permanent) &&
    (f.causedByUser === undefined || c.causedByUser === f.causedByUser)
  );
}

/**
 * The same filter as a SQL predicate over a status and a reason column, for lists of identifications:
 * every (status, reason) pair the filter admits, spelled out, so SQL and the rollup agree by construction.
 */
export function outcomeClassPredicate(
  f: OutcomeClassFilter,
  cols: { status: string; reason: string },
  param: (value: unknown) => string,
): string | null {
  if (!hasOutcomeClass(f)) return null;
  const codes = FAILURE_CODES.filter((c) =>
    matchesOutcomeClass({ category: c.category, permanent: c.permanent, causedByUser: c.causedByUser }, f),
  ).map((c) => c.code);
  const terms = codes.length ? [`${cols.reason} = ANY(${param(codes)})`] : [];
  const all = FAILURE_CODES.map((c) => c.code);
  for (const category of ['Review', 'None'] as const) {
    const statuses = OUTCOME_STATUSES.filter((s) =>
      admitsOutcome(s, category === 'Review' ? 'OFFICER' : null, f),
    );
    if (!statuses.length) continue;
    const reason =
      category === 'None'
        ? `${cols.reason} IS NULL`
        : `${cols.reason} IS NOT NULL AND NOT (${cols.reason} = ANY(${param(all)}))`;
    terms.push(`(${reason} AND ${cols.status} = ANY(${param(statuses)}))`);
  }
  return terms.length ? `(${terms.join(' OR ')})` : 'false';
}
