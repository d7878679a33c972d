import type { IdnowResultCode } from '../../results/idnow-result.js';

export type CheckState = 'PASS' | 'FAIL' | 'PENDING';

export interface AgentCheck {
  label: string;
  state: CheckState;
}

const LABELS = [
  'Document security features checked',
  'Photo matches the person',
  'Document number read back',
  'Person present and live in the video',
  'Ident code confirmed',
  'Second-line review',
] as const;

/** What the agent's checklist shows for a result: a fraud suspicion fails the document and photo checks. */
const STATES: Record<IdnowResultCode, readonly CheckState[]> = {
  SUCCESS: ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS'],
  SUCCESS_DATA_CHANGED: ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS'],
  REVIEW_PENDING: ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PENDING'],
  FRAUD_SUSPICION_PENDING: ['FAIL', 'FAIL', 'PASS', 'PASS', 'PASS', 'PENDING'],
  FRAUD_SUSPICION_CONFIRMED: ['FAIL', 'FAIL', 'PASS', 'PASS', 'PASS', 'FAIL'],
  ABORTED: ['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL'],
  CANCELED: ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'FAIL'],
};

export function agentChecks(result: IdnowResultCode): AgentCheck[] {
  return LABELS.map((label, i) => ({ label, state: STATES[result][i] ?? 'PENDING' }));
}
