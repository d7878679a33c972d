import { describe, expect, it } from '@jest/globals';
import { nextAttemptAt, RETRY_CAP_MS, RETRY_MIN_MS, RETRY_WINDOW_MS, retryDelayMs } from './backoff.js';

describe(retryDelayMs.name, () => {
  const top = () => 0.999999999;

  it('doubles the ceiling from 30 s and caps it at 6 h', () => {
    expect(retryDelayMs(1, top)).toBe(29_999);
    expect(retryDelayMs(2, top)).toBe(59_999);
    expect(retryDelayMs(5, top)).toBe(479_999);
    expect(retryDelayMs(20, top)).toBe(RETRY_CAP_MS - 1);
  });

  it('draws the delay uniformly below the ceiling (full jitter), never under the floor', () => {
    expect(retryDelayMs(3, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(3, () => 0)).toBe(RETRY_MIN_MS);
  });

  it('doubles from a configured base instead (WEBHOOK_RETRY_BASE_MS), with the same jitter and cap', () => {
    expect(retryDelayMs(1, top, 2_000)).toBe(1_999);
    expect(retryDelayMs(4, top, 2_000)).toBe(15_999);
    expect(retryDelayMs(3, () => 0.5, 2_000)).toBe(4_000);
    expect(retryDelayMs(30, top, 3_600_000)).toBe(RETRY_CAP_MS - 1);
  });

  it('caps the ceiling at a configured cap instead (WEBHOOK_RETRY_CAP_MS)', () => {
    expect(retryDelayMs(1, top, 250, 4_000)).toBe(RETRY_MIN_MS);
    expect(retryDelayMs(5, top, 250, 4_000)).toBe(3_999);
    expect(retryDelayMs(20, top, 250, 4_000)).toBe(3_999);
    expect(retryDelayMs(20, () => 0.5, 30_000, 3_600_000)).toBe(1_800_000);
  });

  it('keeps the 1 s floor however small the base', () => {
    for (const attempt of [1, 2, 3, 4]) expect(retryDelayMs(attempt, top, 100)).toBe(RETRY_MIN_MS);
    expect(retryDelayMs(5, top, 100)).toBe(1_599);
    expect(retryDelayMs(8, () => 0, 100)).toBe(RETRY_MIN_MS);
  });
});

describe(nextAttemptAt.name, () => {
  const first = new Date('2026-01-01T00:00:00Z');

  it('schedules a retry inside the 5-day window', () => {
    const now = new Date(first.getTime() + 60_000);
    expect(nextAttemptAt(first, 2, now, () => 0.5)).toEqual(new Date(now.getTime() + 30_000));
  });

  it('schedules from the configured base', () => {
    const now = new Date(first.getTime() + 60_000);
    expect(nextAttemptAt(first, 2, now, () => 0.5, 4_000)).toEqual(new Date(now.getTime() + 4_000));
  });

  it('answers null (dead letter) once the retry would fall after the window', () => {
    const now = new Date(first.getTime() + RETRY_WINDOW_MS - 1000);
    expect(nextAttemptAt(first, 12, now, () => 0.5)).toBeNull();
  });

  it('keeps the 5-day window with a short base: a short backoff never retries forever', () => {
    const end = first.getTime() + RETRY_WINDOW_MS;
    const inside = new Date(end - 5_000);
    expect(nextAttemptAt(first, 3, inside, () => 0.5, 1_000)).toEqual(new Date(inside.getTime() + 2_000));
    expect(nextAttemptAt(first, 3, new Date(end - 1_000), () => 0.5, 1_000)).toBeNull();
  });
});
