import { describe, expect, it } from '@jest/globals';
import { bucketMiddleSeconds, bucketOf, percentileSeconds } from './duration-histogram.js';

describe('duration histogram', () => {
  it('puts a duration in the bucket whose bounds hold it, 10 % wide', () => {
    for (const s of [1, 2, 59, 60, 61, 3600, 14 * 86_400]) {
      const b = bucketOf(s);
      expect(1.1 ** b).toBeLessThanOrEqual(s * (1 + 1e-12));
      expect(1.1 ** (b + 1)).toBeGreaterThan(s);
    }
    expect(bucketOf(0.2)).toBe(0);
  });

  it('answers the middle of the bucket holding the p-th value, as percentile_disc ranks it', () => {
    // 10 durations: 9 of about one minute, 1 of about one hour.
    const minute = bucketOf(60);
    const hour = bucketOf(3600);
    const h = new Map([
      [minute, 9],
      [hour, 1],
    ]);
    expect(percentileSeconds(h, 0.5)).toBe(bucketMiddleSeconds(minute));
    expect(percentileSeconds(h, 0.9)).toBe(bucketMiddleSeconds(minute)); // rank 9 of 10
    expect(percentileSeconds(h, 0.91)).toBe(bucketMiddleSeconds(hour)); // rank 10
    expect(Math.abs(bucketMiddleSeconds(minute) - 60) / 60).toBeLessThan(0.06);
  });

  it('has no percentile without durations', () => {
    expect(percentileSeconds(new Map(), 0.5)).toBeNull();
  });
});
