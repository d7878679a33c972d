import { describe, expect, it } from '@jest/globals';
import { parseIdnowResult } from '../../results/idnow-result.js';
import { CALL_MS, REVIEW_MS, type ScenarioCase, type ScenarioMode } from '../scenarios.js';
import {
  beginAutoAttempt,
  customerEntersCode,
  customerReachesIdentCode,
  customerStartsCall,
  forceOutcome,
  isFinished,
  playDueSteps,
} from './attempts.js';
import type { SandboxIdentification } from './sandbox-identification.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function row(scenario: ScenarioCase, mode: ScenarioMode): SandboxIdentification {
  return {
    companyId: 'kycdesk',
    transactionNumber: 'txn1',
    identId: 'TST-ABCDE',
    scenario,
    mode,
    startData: { firstname: 'Jane', lastname: 'Doe', birthday: '1992-12-11', mobilephone: '+49301234567' },
    language: 'en',
    stage: 'waiting',
    attempts: 0,
    mobileNumber: null,
    codeAttempts: 0,
    callEndedAt: null,
    resultCode: null,
    result: null,
    steps: [],
    nextDueAt: null,
    createdAt: T0,
    updatedAt: T0,
  };
}

const codes = (published: Record<string, unknown>[]) => published.map((p) => parseIdnowResult(p).result);

describe('auto attempts', () => {
  it('CHANGEALLREVIEW: nothing during the call, REVIEW_PENDING at its end, SUCCESS_DATA_CHANGED after review', () => {
    const r = row('CHANGEALLREVIEW', 'auto');
    beginAutoAttempt(r, T0, 1);
    expect(r.nextDueAt).toEqual(at(CALL_MS));
    expect(playDueSteps(r, at(CALL_MS - 1))).toEqual([]);
    expect(codes(playDueSteps(r, at(CALL_MS)))).toEqual(['REVIEW_PENDING']);
    expect(isFinished(r)).toBe(true);
    expect(r.callEndedAt).toEqual(at(CALL_MS));
    expect(codes(playDueSteps(r, at(CALL_MS + REVIEW_MS)))).toEqual(['SUCCESS_DATA_CHANGED']);
    expect(r.nextDueAt).toBeNull();
  });

  it('plays every overdue step at once, in order, each dated when it was due', () => {
    const r = row('FRAUDIDENT', 'auto');
    beginAutoAttempt(r, T0, 1);
    const published = playDueSteps(r, at(10 * CALL_MS + REVIEW_MS));
    expect(codes(published)).toEqual(['FRAUD_SUSPICION_PENDING', 'FRAUD_SUSPICION_CONFIRMED']);
    expect(parseIdnowResult(published[1]).identifiedAt).toEqual(at(CALL_MS));
  });

  it('divides every delay by the time scale', () => {
    const r = row('HAPPYPATH', 'auto');
    beginAutoAttempt(r, T0, 60);
    expect(r.steps.map((s) => s.dueAt)).toEqual([at(500).toISOString(), at(2000).toISOString()]);
  });

  it('ABORTIDENT aborts after the call time and lets the robot start again', () => {
    const r = row('ABORTIDENT', 'auto');
    beginAutoAttempt(r, T0, 1);
    const [aborted] = playDueSteps(r, at(CALL_MS));
    expect(parseIdnowResult(aborted).reason).toBe('TECH_VIDEO');
    expect(r.stage).toBe('waiting');
    beginAutoAttempt(r, at(CALL_MS), 1);
    expect(r.attempts).toBe(2);
  });
});

describe('manual attempts', () => {
  it('HAPPYPATH: the right ident code ends the call, SUCCESS after review with the entered mobile number', () => {
    const r = row('HAPPYPATH', 'manual');
    expect(customerStartsCall(r, '+4915112345678', T0)).toEqual([]);
    customerReachesIdentCode(r);
    expect(r.stage).toBe('ident_code');
    const { check, published } = customerEntersCode(r, ' 123456 ', at(1000), 1);
    expect(check).toEqual({ ok: true });
    expect(published).toEqual([]);
    const [success] = playDueSteps(r, at(1000 + REVIEW_MS));
    expect(parseIdnowResult(success).contact.mobilephone).toBe('+4915112345678');
  });

  it('FRAUDOK publishes FRAUD_SUSPICION_PENDING as the code is entered', () => {
    const r = row('FRAUDOK', 'manual');
    customerStartsCall(r, '+15550101', T0);
    customerReachesIdentCode(r);
    expect(codes(customerEntersCode(r, '123456', T0, 1).published)).toEqual(['FRAUD_SUSPICION_PENDING']);
  });

  it('the third wrong code aborts with IDENT_CODE_REPEATEDLY_INCORRECT', () => {
    const r = row('HAPPYPATH', 'manual');
    customerStartsCall(r, '+15550101', T0);
    customerReachesIdentCode(r);
    expect(customerEntersCode(r, '111111', T0, 1).check).toEqual({ ok: false, remaining: 2 });
    expect(customerEntersCode(r, '222222', T0, 1).check).toEqual({ ok: false, remaining: 1 });
    const third = customerEntersCode(r, '333333', T0, 1);
    expect(third.check).toEqual({ ok: false, remaining: 0 });
    expect(parseIdnowResult(third.published[0]).reason).toBe('IDENT_CODE_REPEATEDLY_INCORRECT');
    expect(r.stage).toBe('waiting');
    customerStartsCall(r, '+15550101', at(5000));
    expect(r.codeAttempts).toBe(0);
  });

  it('ABORTIDENT aborts as soon as the customer presses Start', () => {
    const r = row('ABORTIDENT', 'manual');
    expect(codes(customerStartsCall(r, '+15550101', T0))).toEqual(['ABORTED']);
    expect(r.stage).toBe('waiting');
  });
});

describe(forceOutcome.name, () => {
  it('drops the remaining steps and finishes the attempt', () => {
    const r = row('LONGREVIEW', 'auto');
    beginAutoAttempt(r, T0, 1);
    const forced = forceOutcome(r, { result: 'FRAUD_SUSPICION_CONFIRMED', data: 'sent' }, at(5000));
    expect(parseIdnowResult(forced).result).toBe('FRAUD_SUSPICION_CONFIRMED');
    expect(r.steps).toEqual([]);
    expect(r.nextDueAt).toBeNull();
    expect(isFinished(r)).toBe(true);
  });

  it('CANCELED leaves the identification open for another attempt', () => {
    const r = row('HAPPYPATH', 'manual');
    forceOutcome(r, { result: 'CANCELED', reason: 'TECH_PHOTO', data: 'sent' }, T0);
    expect(r.stage).toBe('waiting');
  });
});
