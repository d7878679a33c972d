import { describe, expect, it } from '@jest/globals';
import { addDays, daysLeft, followUpWindow } from './aml-window.js';

describe(followUpWindow.name, () => {
  it('ends windowDays after the UTC day of the instant', () => {
    expect(followUpWindow(new Date('2026-11-27T23:59:59Z'), 30)).toEqual({
      today: '2026-11-27',
      until: '2026-12-27',
    });
    expect(followUpWindow(new Date('2024-02-28T00:00:00Z'), 1)).toEqual({
      today: '2024-02-28',
      until: '2024-02-29',
    });
  });
});

describe(daysLeft.name, () => {
  it('counts whole days, negative once past', () => {
    expect(daysLeft('2026-12-26', '2026-11-27')).toBe(29);
    expect(daysLeft('2026-11-27', '2026-11-27')).toBe(0);
    expect(daysLeft('2026-11-20', '2026-11-27')).toBe(-7);
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
});
