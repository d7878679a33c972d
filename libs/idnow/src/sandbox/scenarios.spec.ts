import { describe, expect, it } from '@jest/globals';
import {
  afterCallSteps,
  autoAttempt,
  CALL_MS,
  HOLD_CERTIFICATE_MS,
  LONG_REVIEW_MS,
  REVIEW_MS,
  SCENARIO_CASES,
  SCENARIO_PLANS,
  scenarioFromNames,
  type TimedStep,
} from './scenarios.js';

const results = (steps: TimedStep[]) =>
  steps.flatMap((s) => (s.kind === 'result' ? [[s.offsetMs, s.result, s.reason ?? null, s.data]] : []));

describe('SCENARIO_PLANS', () => {
  it('has a plan for every test case of the seed (and FRAUDREVIEW)', () => {
    expect(Object.keys(SCENARIO_PLANS).sort()).toEqual([...SCENARIO_CASES].sort());
  });

  it('reviews take about 90 s, as the seed\'s "~1-2 Minutes delay"', () => {
    expect(REVIEW_MS).toBeGreaterThanOrEqual(60_000);
    expect(REVIEW_MS).toBeLessThanOrEqual(120_000);
    expect(CALL_MS).toBe(30_000);
  });

  it.each([
    ['HAPPYPATH', [[REVIEW_MS, 'SUCCESS', null, 'sent']]],
    ['CHANGEALL', [[REVIEW_MS, 'SUCCESS_DATA_CHANGED', null, 'changed']]],
    [
      'CHANGEALLREVIEW',
      [
        [0, 'REVIEW_PENDING', null, 'sent'],
        [REVIEW_MS, 'SUCCESS_DATA_CHANGED', null, 'changed'],
      ],
    ],
    [
      'FRAUDOK',
      [
        [0, 'FRAUD_SUSPICION_PENDING', null, 'sent'],
        [REVIEW_MS, 'SUCCESS', null, 'sent'],
      ],
    ],
    [
      'CANCELED',
      [
        [0, 'REVIEW_PENDING', null, 'sent'],
        [REVIEW_MS, 'CANCELED', 'TECH_PHOTO', 'sent'],
      ],
    ],
    [
      'LONGREVIEW',
      [
        [0, 'REVIEW_PENDING', null, 'sent'],
        [LONG_REVIEW_MS, 'SUCCESS', null, 'sent'],
      ],
    ],
    ['HOLDCERTIFICATE', [[HOLD_CERTIFICATE_MS, 'SUCCESS', null, 'sent']]],
    [
      'FRAUDIDENT',
      [
        [0, 'FRAUD_SUSPICION_PENDING', null, 'sent'],
        [REVIEW_MS, 'FRAUD_SUSPICION_CONFIRMED', null, 'sent'],
      ],
    ],
    [
      'FRAUDREVIEW',
      [
        [0, 'REVIEW_PENDING', null, 'sent'],
        [REVIEW_MS, 'FRAUD_SUSPICION_CONFIRMED', null, 'sent'],
      ],
    ],
    ['ABORTIDENT', []],
  ] as const)('%s publishes after the call: %j', (scenario, expected) => {
    expect(results(afterCallSteps(scenario))).toEqual(expected);
  });

  it('auto mode ends the call after CALL_MS, then plays the same steps', () => {
    const steps = autoAttempt('CHANGEALLREVIEW');
    expect(steps[0]).toEqual({ offsetMs: CALL_MS, kind: 'call-ended' });
    expect(results(steps)).toEqual([
      [CALL_MS, 'REVIEW_PENDING', null, 'sent'],
      [CALL_MS + REVIEW_MS, 'SUCCESS_DATA_CHANGED', null, 'changed'],
    ]);
  });

  it("ABORTIDENT aborts with TECH_VIDEO when the robot's call starts, without ending a call", () => {
    expect(autoAttempt('ABORTIDENT')).toEqual([
      { offsetMs: CALL_MS, kind: 'result', result: 'ABORTED', reason: 'TECH_VIDEO', data: 'sent' },
    ]);
  });

  it('keeps every plan in time order', () => {
    for (const scenario of SCENARIO_CASES) {
      const offsets = autoAttempt(scenario).map((s) => s.offsetMs);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
  });
});

describe(scenarioFromNames.name, () => {
  it.each([
    [['X-AUTOTEST-HAPPYPATH', 'Doe'], 'HAPPYPATH', 'auto'],
    [['Jane', 'X-MANUALTEST-FRAUDOK'], 'FRAUDOK', 'manual'],
    [['x-autotest-changeallreview', null], 'CHANGEALLREVIEW', 'auto'],
    [['X-AUTOTEST-CANCELLED', 'Doe'], 'CANCELED', 'auto'],
    [['X-MANUALTEST-CANCELED-Jane', 'Doe'], 'CANCELED', 'manual'],
    [['X-AUTOTEST-NOSUCHCASE', 'Doe'], 'HAPPYPATH', 'manual'],
    [['X-AUTOTEST-NOSUCHCASE', 'X-AUTOTEST-FRAUDIDENT'], 'FRAUDIDENT', 'auto'],
    [['Jane', 'Doe'], 'HAPPYPATH', 'manual'],
    [[undefined, undefined], 'HAPPYPATH', 'manual'],
    [['Max X-AUTOTEST-HAPPYPATH', 'Doe'], 'HAPPYPATH', 'manual'],
  ] as const)('%j is %s in %s mode', (names, scenario, mode) => {
    expect(scenarioFromNames(...names)).toEqual({ scenario, mode });
  });
});
