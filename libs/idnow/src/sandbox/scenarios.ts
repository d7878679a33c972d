import type { FailureCodeName } from '#kyc/identifications';
import type { IdnowResultCode } from '../results/idnow-result.js';

/**
 * The sandbox's test scenarios (seed, "Testing"; DESIGN.md, "The IDnow sandbox, scenario by scenario")
 * as pure data. Delays are real-world milliseconds; the engine divides them by SANDBOX_TIME_SCALE.
 */
export const SCENARIO_CASES = [
  'HAPPYPATH',
  'CHANGEALL',
  'CHANGEALLREVIEW',
  'ABORTIDENT',
  'FRAUDOK',
  'CANCELED',
  'LONGREVIEW',
  'HOLDCERTIFICATE',
  'FRAUDIDENT',
  'FRAUDREVIEW',
] as const;
export type ScenarioCase = (typeof SCENARIO_CASES)[number];

/** X-AUTOTEST: IDnow's robot plays customer and agent; X-MANUALTEST: the customer uses the web flow. */
export type ScenarioMode = 'auto' | 'manual';

/** Which person data a result carries: what was sent (MATCH/NEW) or the agent's corrections (CHANGE). */
export type ResultData = 'sent' | 'changed';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** How long the robot's video call takes in auto mode. */
export const CALL_MS = 30 * SECOND;
/** The provider's second-line review of the test scenarios (seed: "~1-2 Minutes delay"). */
export const REVIEW_MS = 90 * SECOND;
export const LONG_REVIEW_MS = 24 * HOUR;
export const HOLD_CERTIFICATE_MS = 10 * MINUTE;

/** One result the provider publishes, `afterCallMs` after the end of the video call. */
export interface PlannedStep {
  afterCallMs: number;
  result: IdnowResultCode;
  reason?: FailureCodeName;
  data: ResultData;
}

export interface ScenarioPlan {
  /** The agent aborts as the call starts (auto: when the robot's call would end; manual: on Start). */
  abortAtCallStart?: FailureCodeName;
  /** Results after the call ended (manual: the right ident code was entered). */
  afterCall: readonly PlannedStep[];
}

const review = (result: IdnowResultCode, data: ResultData = 'sent', reason?: FailureCodeName): PlannedStep =>
  reason ? { afterCallMs: REVIEW_MS, result, data, reason } : { afterCallMs: REVIEW_MS, result, data };
const atCallEnd = (result: IdnowResultCode): PlannedStep => ({ afterCallMs: 0, result, data: 'sent' });

export const SCENARIO_PLANS: Readonly<Record<ScenarioCase, ScenarioPlan>> = {
  HAPPYPATH: { afterCall: [review('SUCCESS')] },
  CHANGEALL: { afterCall: [review('SUCCESS_DATA_CHANGED', 'changed')] },
  CHANGEALLREVIEW: { afterCall: [atCallEnd('REVIEW_PENDING'), review('SUCCESS_DATA_CHANGED', 'changed')] },
  ABORTIDENT: { abortAtCallStart: 'TECH_VIDEO', afterCall: [] },
  FRAUDOK: { afterCall: [atCallEnd('FRAUD_SUSPICION_PENDING'), review('SUCCESS')] },
  CANCELED: { afterCall: [atCallEnd('REVIEW_PENDING'), review('CANCELED', 'sent', 'TECH_PHOTO')] },
  LONGREVIEW: {
    afterCall: [
      atCallEnd('REVIEW_PENDING'),
      { afterCallMs: LONG_REVIEW_MS, result: 'SUCCESS', data: 'sent' },
    ],
  },
  HOLDCERTIFICATE: { afterCall: [{ afterCallMs: HOLD_CERTIFICATE_MS, result: 'SUCCESS', data: 'sent' }] },
  FRAUDIDENT: { afterCall: [atCallEnd('FRAUD_SUSPICION_PENDING'), review('FRAUD_SUSPICION_CONFIRMED')] },
  FRAUDREVIEW: { afterCall: [atCallEnd('REVIEW_PENDING'), review('FRAUD_SUSPICION_CONFIRMED')] },
};

/** A step of one attempt with its offset from the attempt's start (auto) or the call's end (manual). */
export type TimedStep =
  | { offsetMs: number; kind: 'call-ended' }
  | { offsetMs: number; kind: 'result'; result: IdnowResultCode; reason?: FailureCodeName; data: ResultData };

const timed = (offsetMs: number, { afterCallMs: _, ...step }: PlannedStep): TimedStep => ({
  offsetMs,
  kind: 'result',
  ...step,
});

/** Auto mode: the whole attempt from the robot's start; the call takes CALL_MS. */
export function autoAttempt(scenario: ScenarioCase): TimedStep[] {
  const plan = SCENARIO_PLANS[scenario];
  if (plan.abortAtCallStart) {
    return [
      { offsetMs: CALL_MS, kind: 'result', result: 'ABORTED', reason: plan.abortAtCallStart, data: 'sent' },
    ];
  }
  return [
    { offsetMs: CALL_MS, kind: 'call-ended' },
    ...plan.afterCall.map((s) => timed(CALL_MS + s.afterCallMs, s)),
  ];
}

/** Manual mode: the steps after the customer entered the right ident code. */
export function afterCallSteps(scenario: ScenarioCase): TimedStep[] {
  return SCENARIO_PLANS[scenario].afterCall.map((s) => timed(s.afterCallMs, s));
}

export interface ScenarioChoice {
  scenario: ScenarioCase;
  mode: ScenarioMode;
}

const PREFIX = /^X-(AUTOTEST|MANUALTEST)-([A-Z]+)/;
const ALIASES: Record<string, ScenarioCase> = { CANCELLED: 'CANCELED' };

/** The scenario named in the first or last name (case-insensitive); none or an unknown case is manual HAPPYPATH. */
export function scenarioFromNames(...names: (string | null | undefined)[]): ScenarioChoice {
  for (const name of names) {
    const match = typeof name === 'string' ? PREFIX.exec(name.trim().toUpperCase()) : null;
    if (!match) continue;
    const word = match[2] ?? '';
    const scenario = (SCENARIO_CASES as readonly string[]).includes(word)
      ? (word as ScenarioCase)
      : ALIASES[word];
    if (scenario) return { scenario, mode: match[1] === 'AUTOTEST' ? 'auto' : 'manual' };
  }
  return { scenario: 'HAPPYPATH', mode: 'manual' };
}
