import type { IdentificationStatus } from './identification-status.js';
import { REVIEW_STATUSES } from './state-machine.js';

/** The provider's review usually takes minutes, at most 24 hours (seed): ours is due within the same. */
export const REVIEW_SLA_MS = 24 * 3600_000;

/** Why an identification is flagged for review; each is shown to officers with its meaning. */
export const FLAG_REASONS = [
  /** A provider result contradicts the final status the provider set before. */
  'provider_contradiction',
  /** A provider result contradicts an officer's decision: the case reopens, nothing is overwritten. */
  'provider_disagrees',
  /** The agent changed name or birth date. */
  'identity_data_changed',
  /** The identity document shows no address and no proof of address was given. */
  'missing_proof_of_address',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export interface CaseTimes {
  caseOpenedAt: Date | null;
  caseDueAt: Date | null;
}

/** A case is open while the identification is under review or flagged. */
export function isOpenCase(status: IdentificationStatus, flagged: boolean): boolean {
  return REVIEW_STATUSES.includes(status) || flagged;
}

/**
 * The case's clock after a change: it starts when the case opens (and keeps running while it stays
 * open, whatever else changes), and stops when it closes.
 */
export function caseTimesAfter(
  current: CaseTimes,
  next: { status: IdentificationStatus; flagged: boolean },
  now: Date,
): CaseTimes {
  if (!isOpenCase(next.status, next.flagged)) return { caseOpenedAt: null, caseDueAt: null };
  if (current.caseOpenedAt) return { caseOpenedAt: current.caseOpenedAt, caseDueAt: current.caseDueAt };
  return { caseOpenedAt: now, caseDueAt: new Date(now.getTime() + REVIEW_SLA_MS) };
}
