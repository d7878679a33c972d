import { describe, expect, it } from '@jest/globals';
import { keepUntil, latestDueEnd, tableCounts } from './retention-rules.js';

describe('retention rules', () => {
  it('keeps five years from the end of the calendar year in which the relationship ended (GwG §8(4))', () => {
    expect(keepUntil('2020-12-31')).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(keepUntil('2020-01-01')).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(keepUntil('2021-01-01')).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(keepUntil('2020-06-15', 10)).toEqual(new Date('2031-01-01T00:00:00Z'));
  });

  it('names the latest end of relationship due at a slot', () => {
    expect(latestDueEnd(new Date('2026-01-01T02:30:00Z'))).toBe('2020-12-31');
    expect(latestDueEnd(new Date('2025-12-31T23:59:59Z'))).toBe('2019-12-31');
    expect(latestDueEnd(new Date('2026-01-01T02:30:00Z'), 10)).toBe('2015-12-31');
  });

  it('counts every table, and sums counts', () => {
    const a = tableCounts({ persons: 1, documents: 2 });
    expect(a).toMatchObject({ persons: 1, documents: 2, case_notes: 0 });
    expect(tableCounts(a, { documents: 1, unknown: 5 })).toMatchObject({ persons: 1, documents: 3 });
    expect(Object.keys(tableCounts())).toHaveLength(10);
  });
});
