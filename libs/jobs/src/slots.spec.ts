import { describe, expect, it } from '@jest/globals';
import { cronProblem, Schedule } from './slots.js';

const at = (iso: string) => new Date(iso);

describe('Schedule', () => {
  it('lists the slots after a point up to a point, oldest first, the end included', () => {
    const every5s = new Schedule('*/5 * * * * *');
    expect(every5s.between(at('2026-01-01T00:00:05Z'), at('2026-01-01T00:00:20Z'), 10)).toEqual([
      at('2026-01-01T00:00:10Z'),
      at('2026-01-01T00:00:15Z'),
      at('2026-01-01T00:00:20Z'),
    ]);
    expect(every5s.between(at('2026-01-01T00:00:00Z'), at('2026-01-01T01:00:00Z'), 4)).toHaveLength(4);
  });

  it('reads five-field expressions in UTC and knows their period', () => {
    const nightly = new Schedule('30 2 * * *');
    expect(nightly.next(at('2026-03-29T02:30:00Z'))).toEqual(at('2026-03-30T02:30:00Z'));
    expect(nightly.period(at('2026-03-29T00:00:00Z'))).toBe(86_400_000);
    expect(new Schedule('* * * * * *').period(at('2026-01-01T00:00:00Z'))).toBe(1000);
  });

  it('names the problem of an invalid expression', () => {
    expect(cronProblem('*/15 * * * *')).toBeNull();
    expect(cronProblem('every day')).toEqual(expect.any(String));
    expect(cronProblem('61 * * * *')).toEqual(expect.any(String));
  });
});
