import type { FailureCodeName } from '#kyc/identifications';
import type { IdnowResultCode } from '../../results/idnow-result.js';
import type { ResultData, ScenarioCase, ScenarioMode } from '../scenarios.js';
import type { PageLanguage, SandboxStartData } from './start-data.js';

/**
 * Where the current attempt is: `waiting` for the customer (or a retry after ABORTED/CANCELED), in the
 * video `call`, at the `ident_code` prompt, or in `review` once the call is over (finished for start's 409).
 */
export type AttemptStage = 'waiting' | 'call' | 'ident_code' | 'review';

/** A scheduled event of the running attempt, due at an ISO time. */
export type ScheduledStep =
  | { dueAt: string; kind: 'call-ended' }
  | { dueAt: string; kind: 'result'; result: IdnowResultCode; reason?: FailureCodeName; data: ResultData };

/** One sandbox identification: what was started, how far the customer got, what IDnow publishes. */
export interface SandboxIdentification {
  companyId: string;
  transactionNumber: string;
  /** IDnow's ident id (TST-XXXXX), shown to the customer as the reference. */
  identId: string;
  scenario: ScenarioCase;
  mode: ScenarioMode;
  startData: SandboxStartData;
  language: PageLanguage;
  stage: AttemptStage;
  /** Attempts started so far; a retry after ABORTED or CANCELED replays the scenario. */
  attempts: number;
  /** The mobile number the customer entered, international (+49 for a leading 0). */
  mobileNumber: string | null;
  /** Wrong ident codes in the current attempt. */
  codeAttempts: number;
  callEndedAt: Date | null;
  resultCode: IdnowResultCode | null;
  result: Record<string, unknown> | null;
  steps: ScheduledStep[];
  nextDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
