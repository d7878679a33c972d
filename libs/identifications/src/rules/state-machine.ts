import { IllegalTransitionError } from '#kyc/common';
import type { IdentificationStatus } from './identification-status.js';

/**
 * Every legal status change, and the only place that says so (DESIGN "Domain", seed "Idnow status").
 * Staying in the same status is not a transition: a repeated result (a second abort) changes no status.
 */
export const TRANSITIONS: Readonly<Record<IdentificationStatus, readonly IdentificationStatus[]>> =
  Object.freeze({
    // The partner requests the identification; only a requested (pending) url can expire.
    created: ['pending'],
    // The customer is on the url: the provider may report any result, or the url runs out after 14 days.
    pending: [
      'pending_successful',
      'pending_failed',
      'successful',
      'failed',
      'aborted',
      'canceled',
      'expired',
    ],
    // The customer may retry on the same url, so provider results still arrive directly (no return to pending).
    aborted: ['pending_successful', 'pending_failed', 'successful', 'failed', 'canceled', 'expired'],
    // As aborted: the provider asks the customer to identify again on the same url.
    canceled: ['pending_successful', 'pending_failed', 'successful', 'failed', 'aborted', 'expired'],
    // Under review: the provider's second line or our compliance officers resolve it.
    pending_successful: ['successful', 'failed', 'canceled'],
    // Under review, likely to fail, but the reviewer may still approve.
    pending_failed: ['successful', 'failed', 'canceled'],
    // Final: a contradicting later result is recorded and flags the case, never moves the status.
    successful: [],
    // Final: re-identification creates a new identification linked to this one.
    failed: [],
    // The url is dead; a new attempt is a new identification.
    expired: [],
  });

/** Statuses with no way out. */
export const FINAL_STATUSES: readonly IdentificationStatus[] = Object.freeze([
  'successful',
  'failed',
  'expired',
]);

/** Statuses a reviewer (provider or compliance) still has to resolve. */
export const REVIEW_STATUSES: readonly IdentificationStatus[] = Object.freeze([
  'pending_successful',
  'pending_failed',
]);

/**
 * Statuses whose arrival from the provider means its evidence (report, images, audio) is due for capture.
 * A provisional result is captured at once: IDnow deletes the data if it later cancels the identification.
 */
export const EVIDENCE_STATUSES: readonly IdentificationStatus[] = Object.freeze([
  'pending_successful',
  'pending_failed',
  'successful',
  'failed',
  'canceled',
]);

/** Statuses in which the customer may try again with the same url while it is valid. */
export const RETRYABLE_STATUSES: readonly IdentificationStatus[] = Object.freeze(['aborted', 'canceled']);

export function isFinal(status: IdentificationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canTransition(from: IdentificationStatus, to: IdentificationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: IdentificationStatus, to: IdentificationStatus): void {
  if (!canTransition(from, to)) {
    throw new IllegalTransitionError(`An identification in status ${from} cannot become ${to}`);
  }
}
