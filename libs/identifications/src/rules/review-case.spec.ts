import { describe, expect, it } from '@jest/globals';
import { caseTimesAfter, isOpenCase, REVIEW_SLA_MS } from './review-case.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const CLOSED = { caseOpenedAt: null, caseDueAt: null };

describe('review case clock', () => {
  it('opens a case under review or flagged, and only then', () => {
    expect(isOpenCase('pending_successful', false)).toBe(true);
    expect(isOpenCase('pending_failed', false)).toBe(true);
    expect(isOpenCase('successful', true)).toBe(true);
    expect(isOpenCase('successful', false)).toBe(false);
    expect(isOpenCase('pending', false)).toBe(false);
  });

  it('starts the 24-hour SLA when the case opens and keeps it while it stays open', () => {
    const opened = caseTimesAfter(CLOSED, { status: 'pending_failed', flagged: false }, NOW);
    expect(opened).toStrictEqual({ caseOpenedAt: NOW, caseDueAt: new Date(NOW.getTime() + REVIEW_SLA_MS) });
    const later = new Date(NOW.getTime() + 3600_000);
    // Only the clock: a caller spreads the answer into the identification's next state.
    const entity = { ...opened, status: 'pending_successful' as const };
    expect(caseTimesAfter(entity, { status: 'successful', flagged: true }, later)).toStrictEqual(opened);
  });

  it('stops when the case closes', () => {
    const opened = caseTimesAfter(CLOSED, { status: 'pending_successful', flagged: false }, NOW);
    expect(caseTimesAfter(opened, { status: 'successful', flagged: false }, NOW)).toStrictEqual(CLOSED);
  });
});
