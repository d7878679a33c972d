import { failureCode, type FailureCodeName, type ReviewAction } from '#kyc/identifications';
import { type IdnowResultCode, SCENARIO_PLANS } from '#kyc/idnow';
import { type DemoPerson, demoPerson } from './demo-people.js';
import {
  type AttemptName,
  ATTEMPTS,
  DEMO_PARTNERS,
  type DemoLanguage,
  type DemoPartnerId,
  FOLLOW_UPS,
  type Journey,
  JOURNEYS,
  MAX_ATTEMPTS,
  OFFICER_RETRY_REASONS,
  OVERRIDE_AFTER_REJECT,
  RECENT_JOURNEYS,
  RETRY_ATTEMPTS,
  SIGNUPS_BY_HOUR,
} from './demo-mix.js';
import { Prng } from './prng.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The seed: an identification url is valid for 14 days. */
const URL_VALIDITY = 14 * DAY;

export interface PlanOptions {
  persons: number;
  seed: number;
  /** Length of the history in days, ending at `end`. */
  days: number;
  /** The end of the history; nothing is planned after it. */
  end: Date;
}

/** One thing that happens to a customer, at a simulated time; the seeder plays it through the services. */
export type PlannedStep =
  | { at: Date; kind: 'sign_up' }
  | { at: Date; kind: 'create' }
  | { at: Date; kind: 'request' }
  | { at: Date; kind: 'result'; result: IdnowResultCode; reason?: FailureCodeName }
  | {
      at: Date;
      kind: 'decide';
      action: ReviewAction;
      reason: string;
      justification: string;
      /** When a second officer confirms, if four eyes apply; null: after the end of the history. */
      confirmAt: Date | null;
    }
  | { at: Date; kind: 'reidentify'; justification?: string; confirmAt: Date | null };

export interface PersonPlan {
  index: number;
  partnerId: DemoPartnerId;
  language: DemoLanguage;
  journey: Journey;
  person: DemoPerson;
  /** In time order, none after the end of the history. */
  steps: PlannedStep[];
}

const JUSTIFICATIONS: Record<string, string> = {
  PROVIDER_REVIEW_CONFIRMED: "Report and ID images checked; the provider's provisional result holds.",
  FRAUD_SUSPICION_CLEARED: 'Fraud suspicion examined with the evidence: document and face match, unfounded.',
  DATA_CHANGE_VERIFIED: "The agent's corrections match the ID document shown in the call.",
  DOCUMENT_NOT_ACCEPTABLE: 'The ID document shown is damaged and cannot be accepted.',
  retry: 'The ID document is not readable on the images; the customer is asked to identify again.',
  override: 'The customer now has a new, valid ID document; a new attempt is agreed with compliance.',
};

/**
 * The whole demo data set as a pure function of its options: customer i's story depends only on the
 * seed and i (so 30 persons are the first 30 of 200), and on `end` for its absolute times.
 */
export function planDemoData(opts: PlanOptions): PersonPlan[] {
  return Array.from({ length: opts.persons }, (_, i) => planPerson(opts, i));
}

export function planPerson(opts: PlanOptions, index: number): PersonPlan {
  const rng = Prng.of(opts.seed, 'person', index);
  const partner = DEMO_PARTNERS[Number(rng.weighted(weightsOf(DEMO_PARTNERS.map((p) => p.weight))))];
  const language: DemoLanguage = rng.chance(partner.de) ? 'DE' : 'EN';
  const journey = rng.weighted(JOURNEYS);
  const signUp = signUpTime(rng, opts.end, Math.min(opts.days, RECENT_JOURNEYS[journey] ?? opts.days));
  const person = demoPerson(rng, new Date(signUp));
  const story = new Story(signUp, opts.end.getTime());
  story.add({ kind: 'sign_up' });
  story.wait(rng.int(5, 90) * SECOND).add({ kind: 'create' });
  if (journey !== 'created_only') {
    story.wait(rng.int(5, 120) * SECOND).add({ kind: 'request' });
    if (journey !== 'waiting') playAttempt(rng, story, journey, 1, story.time + URL_VALIDITY);
  }
  return { index, partnerId: partner.id, language, journey, person, steps: story.steps() };
}

/** Steps along a time cursor that only moves forward. */
class Story {
  private readonly planned: PlannedStep[] = [];
  time: number;

  constructor(
    start: number,
    private readonly end: number,
  ) {
    this.time = start;
  }

  wait(ms: number): this {
    this.time += Math.round(ms);
    return this;
  }

  /** A second officer's confirmation after `ms`, or null past the end; the story goes on after it. */
  confirmation(ms: number): Date | null {
    this.wait(ms);
    return this.time <= this.end ? new Date(this.time) : null;
  }

  /** Adds the step at the cursor's time and answers it (a decision's confirmation is set afterwards). */
  add<S extends DistributiveOmit<PlannedStep, 'at'>>(step: S): S & { at: Date } {
    const planned = { ...step, at: new Date(this.time) };
    this.planned.push(planned);
    return planned;
  }

  /** The story up to the end of the history: what would happen later has not happened yet. */
  steps(): PlannedStep[] {
    const cut = this.planned.findIndex((s) => s.at.getTime() > this.end);
    return cut === -1 ? this.planned : this.planned.slice(0, cut);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The customer opens the url and plays one attempt: the sandbox scenario's results at its documented
 * delays after the call (with the drawn reason for aborts and cancels), an officer's decision where the
 * attempt has one, then what follows an abort, a cancel or a rejection.
 */
function playAttempt(
  rng: Prng,
  story: Story,
  name: AttemptName,
  attempt: number,
  urlExpiresAt: number,
): void {
  const kind = ATTEMPTS[name];
  const plan = SCENARIO_PLANS[kind.scenario];
  const reasons: Readonly<Record<string, number>> | undefined = 'reasons' in kind ? kind.reasons : undefined;
  const reason = reasons ? (rng.weighted(reasons) as FailureCodeName) : undefined;
  story.wait(customerWait(rng));
  if (plan.abortAtCallStart) {
    story.wait(rng.int(1, 8) * MINUTE).add({ kind: 'result', result: 'ABORTED', reason });
    return followUp(rng, story, reason!, attempt, urlExpiresAt);
  }
  story.wait(rng.int(4, 12) * MINUTE);
  const callEnd = story.time;
  const officer = 'officer' in kind ? kind.officer : undefined;
  const provider = officer?.takesOver || 'open' in kind ? plan.afterCall.slice(0, 1) : plan.afterCall;
  let last: { result: IdnowResultCode; reason?: FailureCodeName } | undefined;
  for (const step of provider) {
    story.time = Math.max(story.time, callEnd + step.afterCallMs);
    last = step.reason ? { result: step.result, reason: reason ?? step.reason } : { result: step.result };
    story.add({ kind: 'result', ...last });
  }
  if (officer) {
    const decisionReason = officer.action === 'retry' ? rng.weighted(OFFICER_RETRY_REASONS) : officer.reason;
    story.wait(rng.int(20, 360) * MINUTE);
    const decide = story.add({
      kind: 'decide',
      action: officer.action,
      reason: decisionReason,
      justification: JUSTIFICATIONS[officer.action === 'retry' ? 'retry' : decisionReason],
      confirmAt: null as Date | null,
    });
    decide.confirmAt = story.confirmation(rng.int(10, 180) * MINUTE);
    if (officer.action === 'retry') return retry(rng, story, 'same_url', attempt, urlExpiresAt);
    if (officer.action === 'reject' && rng.chance(OVERRIDE_AFTER_REJECT) && attempt < MAX_ATTEMPTS) {
      // Failed is final: a new identification needs a justification and a second officer.
      story.wait(rng.int(1, 5) * DAY + rng.int(0, 8) * HOUR);
      const override = story.add({
        kind: 'reidentify',
        justification: JUSTIFICATIONS.override,
        confirmAt: null as Date | null,
      });
      override.confirmAt = story.confirmation(rng.int(10, 180) * MINUTE);
      playAttempt(rng, story, rng.weighted(RETRY_ATTEMPTS), attempt + 1, story.time + URL_VALIDITY);
    }
    return;
  }
  if (last?.result === 'CANCELED') followUp(rng, story, last.reason!, attempt, urlExpiresAt);
}

/** After an abort or a cancel: the customer retries on the same url, an officer re-identifies, or nothing. */
function followUp(
  rng: Prng,
  story: Story,
  reason: FailureCodeName,
  attempt: number,
  urlExpiresAt: number,
): void {
  // A permanent reason would fail again: nobody tries.
  if (attempt >= MAX_ATTEMPTS || failureCode(reason)?.permanent) return;
  const next = rng.weighted(FOLLOW_UPS);
  if (next === 'gives_up') return;
  retry(rng, story, next, attempt, urlExpiresAt);
}

function retry(
  rng: Prng,
  story: Story,
  how: 'same_url' | 'officer_reidentifies',
  attempt: number,
  urlExpiresAt: number,
): void {
  if (attempt >= MAX_ATTEMPTS) return;
  let expires = urlExpiresAt;
  if (how === 'same_url') {
    story.wait(rng.int(10, 48 * 60) * MINUTE);
  } else {
    // The officer follows up within days (same url, the partner is notified again) or after the url
    // expired (a new identification, linked to this one).
    const late = rng.chance(0.6);
    story.time = late ? Math.max(story.time, urlExpiresAt) + rng.int(1, 72) * HOUR : story.time;
    if (!late) story.wait(rng.int(1, 72) * HOUR);
    story.add({ kind: 'reidentify', confirmAt: null });
    if (story.time >= urlExpiresAt) expires = story.time + URL_VALIDITY;
  }
  playAttempt(rng, story, rng.weighted(RETRY_ATTEMPTS), attempt + 1, expires);
}

/** How long the customer takes to open the url and reach an agent: mostly minutes, some hours or days. */
function customerWait(rng: Prng): number {
  switch (rng.weighted({ minutes: 60, hours: 28, days: 12 })) {
    case 'minutes':
      return rng.int(1, 25) * MINUTE + rng.int(0, 59) * SECOND;
    case 'hours':
      return rng.int(1, 8) * HOUR + rng.int(0, 59) * MINUTE;
    case 'days':
      return rng.int(1, 3) * DAY + rng.int(0, 23) * HOUR;
  }
}

/** A sign-up in the last `days` days before `end`, by the hourly profile, a little quieter at weekends. */
function signUpTime(rng: Prng, end: Date, days: number): number {
  const endMs = end.getTime();
  const today = Math.floor(endMs / DAY) * DAY;
  const hours = weightsOf(SIGNUPS_BY_HOUR);
  for (;;) {
    const day = today - rng.int(0, days - 1) * DAY;
    let at = day + Number(rng.weighted(hours)) * HOUR + rng.int(0, HOUR / SECOND - 1) * SECOND;
    if (at >= endMs) at -= DAY;
    const weekday = new Date(at).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !rng.chance(0.7)) continue;
    if (at >= endMs - days * DAY) return at;
  }
}

function weightsOf(weights: readonly number[]): Record<string, number> {
  return Object.fromEntries(weights.map((w, i) => [String(i), w]));
}
