import { FAILURE_CODES } from './failure-codes.js';

/** What an officer may do with an open case. */
export const REVIEW_ACTIONS = ['approve', 'reject', 'retry'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * The documented reason codes of each decision, in one place. A retry sends the customer back with a
 * reason the partner is shown (`failure_reason` of `canceled`), so its reasons are the catalog's
 * temporary, user-caused codes; approvals and rejections use our own codes, never shown to partners.
 */
export const DECISION_REASONS: Readonly<
  Record<ReviewAction, readonly { code: string; description: string }[]>
> = Object.freeze({
  approve: [
    {
      code: 'EVIDENCE_VERIFIED',
      description: 'Report, ID images and face photo checked: the identification holds.',
    },
    {
      code: 'PROVIDER_REVIEW_CONFIRMED',
      description: "The provider's provisional result is confirmed by our review.",
    },
    { code: 'FRAUD_SUSPICION_CLEARED', description: 'The fraud suspicion was examined and is unfounded.' },
    {
      code: 'DATA_CHANGE_VERIFIED',
      description: "The agent's changes to name or birth date match the ID document.",
    },
    {
      code: 'PROOF_OF_ADDRESS_VERIFIED',
      description: 'The address is proven by a separate proof of address.',
    },
    {
      code: 'CONTRADICTION_RESOLVED',
      description: 'The contradicting provider result was examined; the status stands.',
    },
  ],
  reject: [
    { code: 'FRAUD_CONFIRMED', description: 'Fraud or a forged document is confirmed.' },
    {
      code: 'IDENTITY_MISMATCH',
      description: 'The person on the video is not the holder of the ID document.',
    },
    {
      code: 'DOCUMENT_NOT_ACCEPTABLE',
      description: 'The ID document is not acceptable (type, validity, damage).',
    },
    { code: 'DATA_MISMATCH', description: 'The data cannot be reconciled with the ID document.' },
    {
      code: 'POLICY_VIOLATION',
      description: "The identification breaks the bank's KYC policy (documented in the justification).",
    },
  ],
  retry: FAILURE_CODES.filter((c) => !c.permanent && c.causedByUser === 'yes').map((c) => ({
    code: c.code,
    description: c.description,
  })),
});

export function isDecisionReason(action: ReviewAction, code: string): boolean {
  return DECISION_REASONS[action].some((r) => r.code === code);
}
