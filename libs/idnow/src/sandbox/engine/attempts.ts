import type { FailureCodeName } from '#kyc/identifications';
import type { IdnowResultCode } from '../../results/idnow-result.js';
import {
  afterCallSteps,
  autoAttempt,
  type ResultData,
  SCENARIO_PLANS,
  type TimedStep,
} from '../scenarios.js';
import { buildResultJson } from './result-json.js';
import type { SandboxIdentification, ScheduledStep } from './sandbox-identification.js';

/**
 * The scenario engine: pure functions that move one identification along its scenario. They change the
 * row in place and return the results published now (each one is also sent as a callback).
 */
export type Published = Record<string, unknown>;

export const IDENT_CODE = '123456';
export const MAX_CODE_ATTEMPTS = 3;

export interface Outcome {
  result: IdnowResultCode;
  reason?: FailureCodeName;
  data: ResultData;
}

const RETRYABLE: readonly IdnowResultCode[] = ['ABORTED', 'CANCELED'];

/** The customer may (re)start: nothing published yet, or the last attempt was aborted or canceled. */
export const canStartAttempt = (row: SandboxIdentification) => row.stage === 'waiting';

/** Start answers 409 EXISTING_IDENTIFICATION once the call is over and not aborted or canceled. */
export const isFinished = (row: SandboxIdentification) => row.stage === 'review';

function schedule(row: SandboxIdentification, steps: TimedStep[], from: Date, timeScale: number): void {
  row.steps = steps.map((s): ScheduledStep => {
    const dueAt = new Date(from.getTime() + Math.round(s.offsetMs / timeScale)).toISOString();
    if (s.kind === 'call-ended') return { dueAt, kind: 'call-ended' };
    const step = { dueAt, kind: 'result' as const, result: s.result, data: s.data };
    return s.reason ? { ...step, reason: s.reason } : step;
  });
  row.nextDueAt = row.steps[0] ? new Date(row.steps[0].dueAt) : null;
}

function resetAttempt(row: SandboxIdentification): void {
  row.attempts += 1;
  row.codeAttempts = 0;
  row.callEndedAt = null;
  row.steps = [];
  row.nextDueAt = null;
}

/** Sets the result now; ABORTED and CANCELED end the attempt so the same url can be used again. */
export function publish(row: SandboxIdentification, outcome: Outcome, now: Date): Published {
  row.resultCode = outcome.result;
  row.result = buildResultJson({
    companyId: row.companyId,
    transactionNumber: row.transactionNumber,
    identId: row.identId,
    startData: row.startData,
    mobileNumber: row.mobileNumber,
    identificationTime: row.callEndedAt ?? now,
    ...outcome,
  });
  if (RETRYABLE.includes(outcome.result)) {
    row.stage = 'waiting';
    row.steps = [];
    row.nextDueAt = null;
  }
  return row.result;
}

/** X-AUTOTEST: the robot plays the whole attempt; nothing is published before the call ends. */
export function beginAutoAttempt(row: SandboxIdentification, now: Date, timeScale: number): void {
  resetAttempt(row);
  row.stage = 'call';
  schedule(row, autoAttempt(row.scenario), now, timeScale);
}

/** The customer pressed Start on the landing page; ABORTIDENT's agent aborts right away. */
export function customerStartsCall(row: SandboxIdentification, mobileNumber: string, now: Date): Published[] {
  resetAttempt(row);
  row.mobileNumber = mobileNumber;
  row.stage = 'call';
  const abort = SCENARIO_PLANS[row.scenario].abortAtCallStart;
  return abort ? [publish(row, { result: 'ABORTED', reason: abort, data: 'sent' }, now)] : [];
}

/** The customer went through the agent's steps and is asked for the ident code. */
export function customerReachesIdentCode(row: SandboxIdentification): void {
  if (row.stage === 'call') row.stage = 'ident_code';
}

export type CodeCheck = { ok: true } | { ok: false; remaining: number };

/** The ident code: right ends the call, the third wrong one aborts with IDENT_CODE_REPEATEDLY_INCORRECT. */
export function customerEntersCode(
  row: SandboxIdentification,
  code: string,
  now: Date,
  timeScale: number,
): { check: CodeCheck; published: Published[] } {
  if (code.trim() === IDENT_CODE) {
    return { check: { ok: true }, published: endCall(row, now, timeScale, afterCallSteps(row.scenario)) };
  }
  row.codeAttempts += 1;
  const remaining = Math.max(0, MAX_CODE_ATTEMPTS - row.codeAttempts);
  if (remaining > 0) return { check: { ok: false, remaining }, published: [] };
  const outcome: Outcome = { result: 'ABORTED', reason: 'IDENT_CODE_REPEATEDLY_INCORRECT', data: 'sent' };
  return { check: { ok: false, remaining }, published: [publish(row, outcome, now)] };
}

function endCall(row: SandboxIdentification, now: Date, timeScale: number, steps: TimedStep[]): Published[] {
  row.callEndedAt = now;
  row.stage = 'review';
  schedule(row, steps, now, timeScale);
  return playDueSteps(row, now);
}

/** Plays every step due at `now`, in order. */
export function playDueSteps(row: SandboxIdentification, now: Date): Published[] {
  const published: Published[] = [];
  while (row.steps[0] && Date.parse(row.steps[0].dueAt) <= now.getTime()) {
    const step = row.steps.shift() as ScheduledStep;
    if (step.kind === 'call-ended') {
      row.callEndedAt = new Date(step.dueAt);
      row.stage = 'review';
    } else {
      const { result, reason, data } = step;
      published.push(
        publish(row, reason ? { result, reason, data } : { result, data }, new Date(step.dueAt)),
      );
    }
  }
  row.nextDueAt = row.steps[0] ? new Date(row.steps[0].dueAt) : null;
  return published;
}

/** Admin: this result now, whatever the scenario had planned. */
export function forceOutcome(row: SandboxIdentification, outcome: Outcome, now: Date): Published {
  row.steps = [];
  row.nextDueAt = null;
  if (!RETRYABLE.includes(outcome.result)) {
    row.callEndedAt ??= now;
    row.stage = 'review';
  }
  return publish(row, outcome, now);
}
