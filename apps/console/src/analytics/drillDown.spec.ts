import { describe, expect, it } from '@jest/globals';
import {
  funnelFilter,
  identificationsLink,
  reasonFilter,
  reasonKey,
  splitBarFilter,
  statusBarFilter,
} from './drillDown';

const range = {
  from: '2026-11-20T15:00:00.000Z',
  to: '2026-11-27T15:00:00.000Z',
  granularity: 'day' as const,
};
const dims = { partner_id: 'p1', language: undefined };

describe('drill-down filters', () => {
  it('a status bar: its bucket within the range, its status, the dashboard dimensions', () => {
    expect(statusBarFilter('2026-11-20T00:00:00.000Z', range, 'canceled', dims)).toEqual({
      outcome_from: '2026-11-20T15:00:00.000Z',
      outcome_to: '2026-11-21T00:00:00.000Z',
      outcome_status: 'canceled',
      partner_id: 'p1',
      language: undefined,
    });
  });

  it('a failure split: its bucket and its class (the server then counts failures only)', () => {
    const start = '2026-11-22T00:00:00.000Z';
    expect(splitBarFilter(start, range, 'permanent', {})).toEqual({
      outcome_from: start,
      outcome_to: '2026-11-23T00:00:00.000Z',
      outcome_permanent: true,
    });
    expect(splitBarFilter(start, range, 'temporary', {})).toMatchObject({ outcome_permanent: false });
    expect(splitBarFilter(start, range, 'unknown', {})).toMatchObject({ outcome_caused_by_user: 'unknown' });
    expect(splitBarFilter(start, range, 'user_caused', {})).toMatchObject({ outcome_caused_by_user: 'yes' });
  });

  it('a reason row: the whole range; no reason and officer reasons also say which permanence', () => {
    const catalog = {
      code: 'TECH_LIGHTING',
      category: 'Technical',
      permanent: false,
      caused_by_user: 'yes' as const,
    };
    expect(reasonFilter(catalog, range, {})).toEqual({
      outcome_from: range.from,
      outcome_to: range.to,
      outcome_reason: 'TECH_LIGHTING',
    });
    expect(reasonKey(catalog)).toBe('TECH_LIGHTING');
    const none = { code: null, category: 'None', permanent: true, caused_by_user: 'unknown' as const };
    expect(reasonFilter(none, range, {})).toMatchObject({ outcome_reason: 'none', outcome_permanent: true });
    expect(reasonKey(none)).toBe('none.permanent');
  });

  it('a funnel step: the cohort created in the range that reached it', () => {
    expect(funnelFilter('created', range, {})).toEqual({ created_from: range.from, created_to: range.to });
    expect(funnelFilter('reviewed', range, {})).toMatchObject({ reached: 'reviewed' });
  });

  it("links to the list with react-admin's filter parameter, leaving out what is unset", () => {
    const link = identificationsLink({ outcome_status: 'failed', partner_id: undefined, language: '' });
    expect(link).toBe(`/identifications?filter=${encodeURIComponent('{"outcome_status":"failed"}')}`);
  });
});
