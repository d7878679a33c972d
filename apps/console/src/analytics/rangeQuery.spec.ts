import { describe, expect, it } from '@jest/globals';
import {
  allowedGranularities,
  analyticsParams,
  autoGranularity,
  bucketBounds,
  parseDashboardQuery,
  resolveRange,
  toSearchParams,
} from './rangeQuery';

const NOW = new Date('2026-11-27T14:25:00Z');
const query = (search: string) => parseDashboardQuery(new URLSearchParams(search));

describe('parseDashboardQuery', () => {
  it('defaults to the last 7 days, and round-trips through the URL', () => {
    expect(query('')).toEqual({ range: '7d' });
    const q = query(
      'range=custom&from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z&granularity=hour&language=DE&partner_id=p1',
    );
    expect(q).toEqual({
      range: 'custom',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-03T00:00:00.000Z',
      granularity: 'hour',
      language: 'DE',
      partner_id: 'p1',
    });
    expect(parseDashboardQuery(toSearchParams(q))).toEqual(q);
  });

  it('ignores what it does not know, and a custom range without both bounds in order', () => {
    expect(query('range=year&granularity=minute&language=FR')).toEqual({ range: '7d' });
    expect(query('range=custom&from=2026-11-03T00:00:00Z&to=2026-11-01T00:00:00Z')).toEqual({ range: '7d' });
  });
});

describe('resolveRange and analyticsParams', () => {
  it('rounds presets to whole hours, to the end of the current hour', () => {
    expect(resolveRange({ range: '7d' }, NOW)).toEqual({
      from: new Date('2026-11-20T15:00:00Z'),
      to: new Date('2026-11-27T15:00:00Z'),
    });
    expect(resolveRange({ range: 'today' }, NOW).to).toEqual(new Date('2026-11-27T15:00:00Z'));
  });

  it('picks hour up to 2 days, day up to 45 days, week beyond; an override the server would refuse is dropped', () => {
    const day = 86_400_000;
    const at = (days: number) => [new Date(0), new Date(days * day)] as const;
    expect(autoGranularity(...at(2))).toBe('hour');
    expect(autoGranularity(...at(45))).toBe('day');
    expect(autoGranularity(...at(46))).toBe('week');
    expect(allowedGranularities(...at(90))).toEqual(['day', 'week']);
    expect(analyticsParams({ range: '90d', granularity: 'hour' }, NOW).granularity).toBe('week');
    expect(analyticsParams({ range: '30d', granularity: 'hour' }, NOW).granularity).toBe('hour');
    expect(analyticsParams({ range: '7d', partner_id: 'p1', language: 'EN' }, NOW)).toEqual({
      from: '2026-11-20T15:00:00.000Z',
      to: '2026-11-27T15:00:00.000Z',
      granularity: 'day',
      partner_id: 'p1',
      language: 'EN',
    });
  });
});

describe('bucketBounds', () => {
  it('clips the first and last bucket to the range', () => {
    const range = {
      from: '2026-11-20T15:00:00.000Z',
      to: '2026-11-27T15:00:00.000Z',
      granularity: 'day' as const,
    };
    expect(bucketBounds('2026-11-20T00:00:00.000Z', range)).toEqual({
      from: '2026-11-20T15:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
    });
    expect(bucketBounds('2026-11-22T00:00:00.000Z', range)).toEqual({
      from: '2026-11-22T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
    });
    expect(bucketBounds('2026-11-27T00:00:00.000Z', range).to).toBe('2026-11-27T15:00:00.000Z');
  });
});
