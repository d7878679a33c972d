import type { IdentificationStatus } from '#kyc/identifications';
import type { IdnowResult, IdnowResultCode } from './idnow-result.js';

/** IDnow's result to our status (seed, "Idnow status"); a Record so a new result code fails to compile. */
const STATUS_BY_RESULT: Record<IdnowResultCode, IdentificationStatus> = {
  SUCCESS: 'successful',
  SUCCESS_DATA_CHANGED: 'successful',
  REVIEW_PENDING: 'pending_successful',
  FRAUD_SUSPICION_PENDING: 'pending_failed',
  FRAUD_SUSPICION_CONFIRMED: 'failed',
  ABORTED: 'aborted',
  CANCELED: 'canceled',
};

export function mapResultToStatus(result: IdnowResultCode): IdentificationStatus {
  return STATUS_BY_RESULT[result];
}

export interface IdnowAgentChange {
  /** userData path, e.g. `lastname` or `address.zipcode` */
  field: string;
  /** What we sent. */
  original: string | null;
  /** What the agent saw on the document. */
  value: string | null;
}

/** The person data the agent corrected during the call, in IDnow's field order. */
export function agentChanges(result: IdnowResult): IdnowAgentChange[] {
  return Object.entries(result.userData)
    .filter(([, field]) => field.status === 'CHANGE')
    .map(([field, { original, value }]) => ({ field, original, value }));
}

/** The mobile number IDnow verified by SMS (TAN) during the identification. */
export function verifiedMobileNumber(result: IdnowResult): string | null {
  return result.contact.mobilephone;
}
