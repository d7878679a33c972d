import type { ReviewAction } from './decision-reasons.js';
import type { IdentificationStatus } from './identification-status.js';

export type FourEyesReason = 'overrides_provider' | 'fraud_suspicion' | 'blocked_reidentification';

/**
 * When a decision needs a second officer (REVIEW_FOUR_EYES, on by default): overriding the provider's
 * provisional result (approving `pending_failed`, rejecting `pending_successful`), any decision on a case
 * with fraud suspicion, and a re-identification the policy blocks. Null when one officer suffices.
 */
export function secondOfficerNeeded(c: {
  action: ReviewAction | 'reidentify';
  status: IdentificationStatus;
  providerResult: string | null;
  blocked?: boolean;
}): FourEyesReason | null {
  if (c.action === 'reidentify') return c.blocked ? 'blocked_reidentification' : null;
  if (c.providerResult?.startsWith('FRAUD_SUSPICION')) return 'fraud_suspicion';
  if (c.action === 'approve' && c.status === 'pending_failed') return 'overrides_provider';
  if (c.action === 'reject' && c.status === 'pending_successful') return 'overrides_provider';
  return null;
}
