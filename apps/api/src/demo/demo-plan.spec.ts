import { describe, expect, it } from '@jest/globals';
import { isDecisionReason, isFailureCode } from '#kyc/identifications';
import { JOURNEYS } from './demo-mix.js';
import { type PersonPlan, planDemoData, type PlannedStep } from './demo-plan.js';

const DAY = 24 * 3600_000;
const END = new Date('2026-11-27T14:00:00.000Z');
const plan = (persons: number, seed = 7, days = 30) => planDemoData({ persons, seed, days, end: END });

/** What a customer's story ends in, in the sandbox's words. */
const lastResult = (p: PersonPlan) =>
  p.steps.filter((s): s is Extract<PlannedStep, { kind: 'result' }> => s.kind === 'result').at(-1)?.result;

describe(planDemoData.name, () => {
  const big = plan(2000);

  it('plans the same customers, stories and times for the same seed, and others for another seed', () => {
    expect(plan(50)).toEqual(plan(50));
    const other = plan(50, 8);
    expect(other.map((p) => p.person)).not.toEqual(plan(50).map((p) => p.person));
  });

  it('makes a smaller set the start of a larger one (a customer depends on the seed and its number only)', () => {
    expect(plan(30)).toEqual(big.slice(0, 30));
  });

  it('keeps every story inside the history, in time order, starting with the sign-up', () => {
    for (const p of big) {
      expect(p.steps[0]?.kind).toBe('sign_up');
      const times = p.steps.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(END.getTime() - 30 * DAY);
      expect(times.at(-1)).toBeLessThanOrEqual(END.getTime());
      for (const s of p.steps) {
        if ((s.kind === 'decide' || s.kind === 'reidentify') && s.confirmAt) {
          expect(s.confirmAt.getTime()).toBeGreaterThanOrEqual(s.at.getTime());
          expect(s.confirmAt.getTime()).toBeLessThanOrEqual(END.getTime());
        }
      }
    }
  });

  it('uses only catalog codes for aborts and cancels, documented reasons for decisions, and no reason otherwise', () => {
    for (const s of big.flatMap((p) => p.steps)) {
      if (s.kind === 'result') {
        const needsReason = s.result === 'ABORTED' || s.result === 'CANCELED';
        expect({ result: s.result, valid: needsReason ? isFailureCode(s.reason ?? '') : !s.reason }).toEqual({
          result: s.result,
          valid: true,
        });
      }
      if (s.kind === 'decide') {
        expect(isDecisionReason(s.action, s.reason)).toBe(true);
        expect(s.justification.length).toBeGreaterThanOrEqual(10);
      }
      if (s.kind === 'reidentify' && s.justification)
        expect(s.justification.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('draws the documented mix: journeys near their weights, most succeed, DE and EN, three partners', () => {
    const share = (pred: (p: PersonPlan) => boolean) => big.filter(pred).length / big.length;
    for (const [journey, weight] of Object.entries(JOURNEYS)) {
      expect({
        journey,
        share: Math.abs(share((p) => p.journey === journey) - weight / 100) < 0.025,
      }).toEqual({
        journey,
        share: true,
      });
    }
    expect(
      share((p) => lastResult(p) === 'SUCCESS' || lastResult(p) === 'SUCCESS_DATA_CHANGED'),
    ).toBeGreaterThan(0.6);
    expect(share((p) => p.language === 'DE')).toBeGreaterThan(0.55);
    expect(share((p) => p.language === 'DE')).toBeLessThan(0.8);
    expect(new Set(big.map((p) => p.partnerId))).toEqual(
      new Set(['demo-neobank', 'demo-broker', 'demo-insurer']),
    );
  });

  it('plans retries on the same url, re-identifications with and without a second officer, and open cases', () => {
    const kinds = (p: PersonPlan) => p.steps.map((s) => (s.kind === 'result' ? s.result : s.kind));
    const stories = big.map((p) => kinds(p).join(' '));
    expect(stories.some((s) => /ABORTED( \w+)* SUCCESS/.test(s) && !s.includes('reidentify'))).toBe(true);
    expect(stories.some((s) => /(ABORTED|CANCELED) reidentify/.test(s))).toBe(true);
    expect(big.some((p) => p.steps.some((s) => s.kind === 'reidentify' && s.justification))).toBe(true);
    expect(big.some((p) => p.steps.some((s) => s.kind === 'decide' && s.action === 'retry'))).toBe(true);
    expect(big.some((p) => ['REVIEW_PENDING', 'FRAUD_SUSPICION_PENDING'].includes(lastResult(p) ?? ''))).toBe(
      true,
    );
    expect(big.some((p) => kinds(p).join(' ') === 'sign_up create')).toBe(true);
    expect(big.some((p) => kinds(p).join(' ') === 'sign_up create request')).toBe(true);
  });

  it('draws customers the partner API accepts: letters-only names, adult birth dates, E.164 mobiles, German addresses', () => {
    for (const { person, steps } of big) {
      expect(person.first_name).toMatch(/^\p{L}[\p{L} '.-]*$/u);
      expect(person.last_name).toMatch(/^\p{L}[\p{L} '.-]*$/u);
      const age = (steps[0].at.getTime() - Date.parse(person.birth_date)) / (365.25 * DAY);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(76);
      expect(person.mobile_number).toMatch(/^\+49\d{10,11}$/);
      expect(person.address).toMatchObject({ country: 'DE', postal_code: expect.stringMatching(/^\d{5}$/) });
      expect(person.salutation === 'MR' || person.salutation === 'MS').toBe(true);
    }
  });
});
