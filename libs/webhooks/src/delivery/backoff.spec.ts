import { describe, expect, it } from '@jest/globals';
import { nextAttemptAt, RETRY_CAP_MS, RETRY_MIN_MS, RETRY_WINDOW_MS, retryDelayMs } from './backoff.js';

describe(retryDelayMs.name, () => {
  it('doubles the ceiling from 30 s and caps it at 6 h', () => {
    const top = () => 0.999999999;
    expect(retryDelayMs(1, top)).toBe(29_999);
    expect(retryDelayMs(2, top)).toBe(59_999);
    expect(retryDelayMs(5, top)).toBe(479_999);
    expect(retryDelayMs(20, top)).toBe(RETRY_CAP_MS - 1);
  });

  it('draws the delay uniformly below the ceiling (full jitter), never under the floor', () => {
    expect(retryDelayMs(3, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(3, () => 0)).toBe(RETRY_MIN_MS);
  });
});

describe(nextAttemptAt.name, () => {
  const first = new Date('2026-01-01T00:00:00Z');

  it('schedules a retry inside the 5-day window', () => {
    const now = new Date(first.getTime() + 60_000);
    expect(nextAttemptAt(first, 2, now, () => 0.5)).toEqual(new Date(now.getTime() + 30_000));
  });

  it('answers null (dead letter) once the retry would fall after the window', () => {
    const now = new Date(first.getTime() + RETRY_WINDOW_MS - 1000);
    expect(nextAttemptAt(first, 12, now, () => 0.5)).toBeNull();
  });
});
