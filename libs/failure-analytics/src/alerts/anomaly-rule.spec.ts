import { describe, expect, it } from '@jest/globals';
import { findAnomalies } from './anomaly-rule.js';

const thresholds = { factor: 3, minVolume: 10 };
const week = 7 * 24;

describe('failure-rate anomaly rule', () => {
  it('raises a reason whose hour exceeds three times its hourly baseline', () => {
    const totals = new Map([['TECH_INTERNAL_SERVER_ERROR', 2 * week]]); // 2 an hour
    expect(
      findAnomalies(new Map([['TECH_INTERNAL_SERVER_ERROR', 40]]), { totals, hours: week }, thresholds),
    ).toEqual([{ reason: 'TECH_INTERNAL_SERVER_ERROR', observed: 40, baseline: 2 }]);
  });

  it('stays quiet at exactly three times the baseline, and below the minimum volume', () => {
    const totals = new Map([
      ['TECH_LIGHTING', 4 * week],
      ['TECH_PHOTO', 0],
    ]);
    const hour = new Map([
      ['TECH_LIGHTING', 12], // 3 × 4: not above
      ['TECH_PHOTO', 9], // from nothing, but below 10
    ]);
    expect(findAnomalies(hour, { totals, hours: week }, thresholds)).toEqual([]);
  });

  it('counts a reason never seen before from zero once it has the volume', () => {
    expect(
      findAnomalies(
        new Map([['IDENT_CODE_NOT_RECEIVED', 10]]),
        { totals: new Map(), hours: week },
        thresholds,
      ),
    ).toEqual([{ reason: 'IDENT_CODE_NOT_RECEIVED', observed: 10, baseline: 0 }]);
  });
});
