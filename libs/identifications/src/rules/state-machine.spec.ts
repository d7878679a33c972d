import { describe, expect, it } from '@jest/globals';
import { IllegalTransitionError } from '#kyc/common';
import { IDENTIFICATION_STATUSES, type IdentificationStatus } from './identification-status.js';
import {
  assertTransition,
  canTransition,
  FINAL_STATUSES,
  isFinal,
  RETRYABLE_STATUSES,
  REVIEW_STATUSES,
  TRANSITIONS,
} from './state-machine.js';

// Written out by hand from DESIGN "Domain", not derived from TRANSITIONS: 1 = legal, 0 = illegal.
const COLUMNS: IdentificationStatus[] = [
  'created',
  'pending',
  'pending_successful',
  'pending_failed',
  'successful',
  'aborted',
  'canceled',
  'failed',
  'expired',
];
// prettier-ignore
const EXPECTED: Record<IdentificationStatus, number[]> = {
  //                  cre pen p_s p_f suc abo can fai exp
  created:            [0,  1,  0,  0,  0,  0,  0,  0,  0],
  pending:            [0,  0,  1,  1,  1,  1,  1,  1,  1],
  pending_successful: [0,  0,  0,  0,  1,  0,  1,  1,  0],
  pending_failed:     [0,  0,  0,  0,  1,  0,  1,  1,  0],
  successful:         [0,  0,  0,  0,  0,  0,  0,  0,  0],
  aborted:            [0,  0,  1,  1,  1,  0,  1,  1,  1],
  canceled:           [0,  0,  1,  1,  1,  1,  0,  1,  1],
  failed:             [0,  0,  0,  0,  0,  0,  0,  0,  0],
  expired:            [0,  0,  0,  0,  0,  0,  0,  0,  0],
};

const pairs = COLUMNS.flatMap((from) => COLUMNS.map((to, i) => [from, to, EXPECTED[from][i] === 1] as const));

describe(canTransition.name, () => {
  it('covers every status exactly once in the expected matrix', () => {
    expect([...COLUMNS].sort()).toEqual([...IDENTIFICATION_STATUSES].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...IDENTIFICATION_STATUSES].sort());
    expect(pairs).toHaveLength(81);
  });

  it.each(pairs)('%s -> %s is %p', (from, to, legal) => {
    expect(canTransition(from, to)).toBe(legal);
  });

  it('never treats staying in a status as a transition', () => {
    for (const s of IDENTIFICATION_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('never lists a target twice', () => {
    for (const targets of Object.values(TRANSITIONS)) expect(new Set(targets).size).toBe(targets.length);
  });
});

describe(assertTransition.name, () => {
  it('passes a legal transition', () => {
    expect(() => assertTransition('created', 'pending')).not.toThrow();
  });

  it.each(pairs.filter(([, , legal]) => !legal))('rejects %s -> %s', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError);
  });

  it('says what was refused', () => {
    try {
      assertTransition('successful', 'failed');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      expect((e as IllegalTransitionError).detail).toBe(
        'An identification in status successful cannot become failed',
      );
      expect((e as IllegalTransitionError).status).toBe(422);
    }
  });
});

describe('status groups', () => {
  it('final statuses have no way out', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['expired', 'failed', 'successful']);
    for (const from of FINAL_STATUSES) {
      expect(TRANSITIONS[from]).toEqual([]);
      for (const to of IDENTIFICATION_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('every other status has a way out', () => {
    for (const s of IDENTIFICATION_STATUSES.filter((x) => !FINAL_STATUSES.includes(x))) {
      expect(TRANSITIONS[s].length).toBeGreaterThan(0);
    }
  });

  it.each(IDENTIFICATION_STATUSES)('isFinal(%s)', (s) => {
    expect(isFinal(s)).toBe(['successful', 'failed', 'expired'].includes(s));
  });

  it('review statuses resolve only to successful, failed or canceled', () => {
    expect([...REVIEW_STATUSES].sort()).toEqual(['pending_failed', 'pending_successful']);
    for (const s of REVIEW_STATUSES)
      expect([...TRANSITIONS[s]].sort()).toEqual(['canceled', 'failed', 'successful']);
  });

  it('retryable statuses accept provider results but never go back to pending', () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual(['aborted', 'canceled']);
    for (const s of RETRYABLE_STATUSES) {
      expect(canTransition(s, 'pending')).toBe(false);
      expect(canTransition(s, 'successful')).toBe(true);
      expect(canTransition(s, 'expired')).toBe(true);
    }
  });

  it('only a requested identification can expire', () => {
    expect(canTransition('created', 'expired')).toBe(false);
  });
});
