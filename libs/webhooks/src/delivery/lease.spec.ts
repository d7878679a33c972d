import { describe, expect, it } from '@jest/globals';
import { claimLeaseMs, RECORD_MARGIN_MS } from './lease.js';

describe(claimLeaseMs.name, () => {
  it('outlives a claim whose sends all time out, round after round, then leaves a timeout to record', () => {
    // 50 claimed, 16 in flight: 4 rounds of 30 s, then 30 s to record.
    expect(claimLeaseMs(30_000, Math.ceil(50 / 16))).toBe(150_000);
    expect(claimLeaseMs(30_000, 4)).toBeGreaterThan(4 * 30_000);
  });

  it('follows a short timeout down, keeping a few seconds to record', () => {
    expect(claimLeaseMs(1_000, 4)).toBe(4_000 + RECORD_MARGIN_MS);
    expect(claimLeaseMs(100, 1)).toBe(100 + RECORD_MARGIN_MS);
  });
});
