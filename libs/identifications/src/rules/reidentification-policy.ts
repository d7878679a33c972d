import { failureCode } from './failure-codes.js';
import type { IdentificationStatus } from './identification-status.js';

export type ReidentificationMode = 'same_url' | 'new_identification' | 'blocked' | 'not_applicable';

export interface ReidentificationPolicy {
  mode: ReidentificationMode;
  /** Why, in words an officer reads before acting. */
  explanation: string;
  /** The mode a confirmed override uses when the policy blocks. */
  override_mode?: 'same_url' | 'new_identification';
}

/** At most this many re-identifications per person in 24 hours. */
export const REIDENTIFICATIONS_PER_DAY = 3;

/**
 * What re-identifying does, from the status, the failure-code catalog and the url's validity (seed:
 * after `aborted` or `canceled` the customer may retry on the same url while it is valid; `failed` is
 * final; a permanent reason will fail again).
 */
export function reidentificationPolicy(
  i: { status: IdentificationStatus; failureReason: string | null; urlExpiresAt: Date | null },
  now: Date,
): ReidentificationPolicy {
  const urlValid = i.urlExpiresAt !== null && i.urlExpiresAt > now;
  const fresh = urlValid ? 'same_url' : 'new_identification';
  if (i.status === 'failed') {
    return {
      mode: 'blocked',
      explanation:
        'A failed identification is final. A new attempt needs a justification and a second officer.',
      override_mode: 'new_identification',
    };
  }
  if (i.status === 'expired') {
    return {
      mode: 'new_identification',
      explanation: 'The url expired: a new identification is created and requested.',
    };
  }
  if (i.status !== 'aborted' && i.status !== 'canceled') {
    return { mode: 'not_applicable', explanation: `A ${i.status} identification is not re-identified.` };
  }
  const reason = i.failureReason ? failureCode(i.failureReason) : undefined;
  if (reason?.permanent) {
    return {
      mode: 'blocked',
      explanation: `${reason.code} is permanent: another attempt would fail the same way. It needs a justification and a second officer.`,
      override_mode: fresh,
    };
  }
  return urlValid
    ? {
        mode: 'same_url',
        explanation: 'The url is still valid: the customer retries on it; the partner is notified again.',
      }
    : {
        mode: 'new_identification',
        explanation: 'The url expired: a new identification is created and requested.',
      };
}
