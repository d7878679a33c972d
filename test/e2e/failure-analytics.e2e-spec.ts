import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bucketMiddleSeconds, bucketOf } from '#kyc/failure-analytics';
import { http, PartnerFactory, PersonFactory, StaffFactory } from '#kyc/testing';
import { insertIdentifications, type Step } from '../support/analytics-data.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The analytics API on a hand-built dataset whose every answer is worked out by hand below.
 * Day D (2026-03-02, UTC), partners P1 and P2:
 *   A  P1 DE created 08:00  pending 08:01  successful 08:10                              (600 s)
 *   B  P1 DE created 08:00  pending 08:01  canceled TECH_LIGHTING 08:06  successful 09:00 (3600 s)
 *   C  P1 EN created 09:00  pending 09:01  pending_failed 09:20  failed IDENTITY_MISMATCH 11:00 (7200 s)
 *   D  P2 EN created 09:00  pending 09:01  aborted USER_CANCELLATION 09:04
 *   E  P2 DE created 10:00  (never requested)
 *   F  P2 DE created 10:00  pending 10:01  canceled TECH_INTERNAL_SERVER_ERROR 10:10
 *   G  P1 EN created 12:00  re-identification of C: pending 12:01  successful 12:30       (1800 s)
 * The day before: H and I (P1 DE), canceled TECH_LIGHTING at 21:00 and TECH_INTERNAL_SERVER_ERROR at 23:00.
 */
describe('failure analytics (admin API, hand-built dataset)', () => {
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof StaffFactory.session>>;
  let p1: string;
  let p2: string;
  let personOfP1: string;
  const D = '2026-03-02';
  const at = (time: string, day = D) => new Date(`${day}T${time}:00Z`);
  const range = `from=${D}T00:00:00Z&to=2026-03-03T00:00:00Z`;
  const get = (path: string, as = officer) => http(t.url, 'GET', path, { headers: as.headers });

  beforeAll(async () => {
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', ANALYTICS_FOLD_TICK_MS: '0', ANALYTICS_ALERT_TICK_MS: '0' },
    });
    officer = await StaffFactory.session(t, 'compliance_officer');
    const [a, b] = [await PartnerFactory.create(t), await PartnerFactory.create(t)];
    [p1, p2] = [a.partnerId, b.partnerId];
    const [x, y] = [await PersonFactory.create(t, a), await PersonFactory.create(t, b)];
    personOfP1 = x.id;
    const on = (
      partner: 'P1' | 'P2',
      language: 'DE' | 'EN',
      created: string,
      steps: [string, string, string?][],
      day = D,
    ) => ({
      partnerId: partner === 'P1' ? p1 : p2,
      personId: partner === 'P1' ? x.id : y.id,
      language,
      createdAt: at(created, day),
      steps: steps.map(([to, time, reason]): Step => ({ to, at: at(time, day), reason })),
    });
    const ds = t.app.get(DataSource);
    const [, , c] = await insertIdentifications(ds, [
      on('P1', 'DE', '08:00', [
        ['pending', '08:01'],
        ['successful', '08:10'],
      ]),
      on('P1', 'DE', '08:00', [
        ['pending', '08:01'],
        ['canceled', '08:06', 'TECH_LIGHTING'],
        ['successful', '09:00'],
      ]),
      on('P1', 'EN', '09:00', [
        ['pending', '09:01'],
        ['pending_failed', '09:20'],
        ['failed', '11:00', 'IDENTITY_MISMATCH'],
      ]),
      on('P2', 'EN', '09:00', [
        ['pending', '09:01'],
        ['aborted', '09:04', 'USER_CANCELLATION'],
      ]),
      on('P2', 'DE', '10:00', []),
      on('P2', 'DE', '10:00', [
        ['pending', '10:01'],
        ['canceled', '10:10', 'TECH_INTERNAL_SERVER_ERROR'],
      ]),
      on(
        'P1',
        'DE',
        '20:00',
        [
          ['pending', '20:01'],
          ['canceled', '21:00', 'TECH_LIGHTING'],
        ],
        '2026-03-01',
      ),
      on(
        'P1',
        'DE',
        '22:00',
        [
          ['pending', '22:01'],
          ['canceled', '23:00', 'TECH_INTERNAL_SERVER_ERROR'],
        ],
        '2026-03-01',
      ),
    ]);
    await insertIdentifications(ds, [
      {
        ...on('P1', 'EN', '12:00', [
          ['pending', '12:01'],
          ['successful', '12:30'],
        ]),
        previousId: c,
      },
    ]);
  });
  afterAll(() => t.close());

  it('counts outcomes by status per hour, every bucket present', async () => {
    const res = await get(`/admin/analytics/status-trend?${range}&granularity=hour`);
    expect(res.status).toBe(200);
    expect(res.body.range).toEqual({
      from: `${D}T00:00:00.000Z`,
      to: '2026-03-03T00:00:00.000Z',
      granularity: 'hour',
    });
    expect(res.body.series).toHaveLength(24);
    const nonEmpty = res.body.series.filter((p: { total: number }) => p.total > 0);
    const none = { successful: 0, failed: 0, aborted: 0, canceled: 0, expired: 0 };
    expect(nonEmpty).toEqual([
      { start: `${D}T08:00:00.000Z`, ...none, successful: 1, canceled: 1, total: 2 },
      { start: `${D}T09:00:00.000Z`, ...none, successful: 1, aborted: 1, total: 2 },
      { start: `${D}T10:00:00.000Z`, ...none, canceled: 1, total: 1 },
      { start: `${D}T11:00:00.000Z`, ...none, failed: 1, total: 1 },
      { start: `${D}T12:00:00.000Z`, ...none, successful: 1, total: 1 },
    ]);
  });

  it('narrows by partner, language, status and the catalog splits', async () => {
    const total = async (filters: string) =>
      (await get(`/admin/analytics/status-trend?${range}&granularity=day&${filters}`)).body.series[0].total;
    expect(await total(`partner_id=${p2}`)).toBe(2); // D aborted, F canceled
    expect(await total('language=DE')).toBe(4); // A, B twice, F
    expect(await total('status=canceled,aborted')).toBe(3);
    expect(await total('category=Technical')).toBe(2);
    expect(await total('permanent=true')).toBe(1); // C's rejection
    expect(await total('caused_by_user=no')).toBe(1); // TECH_INTERNAL_SERVER_ERROR
  });

  it('breaks failures down by code, category and the two splits, as shares of all outcomes', async () => {
    const res = await get(`/admin/analytics/failures?${range}`);
    expect(res.status).toBe(200);
    const share = (n: number) => Math.round((n / 7) * 10_000) / 10_000;
    expect(res.body).toMatchObject({ outcomes: 7, failures: 4, failure_share: share(4) });
    expect(res.body.by_code).toEqual([
      {
        code: 'IDENTITY_MISMATCH',
        category: 'Review',
        permanent: true,
        caused_by_user: 'unknown',
        count: 1,
        share: share(1),
      },
      {
        code: 'TECH_INTERNAL_SERVER_ERROR',
        category: 'Technical',
        permanent: false,
        caused_by_user: 'no',
        count: 1,
        share: share(1),
      },
      {
        code: 'TECH_LIGHTING',
        category: 'Technical',
        permanent: false,
        caused_by_user: 'yes',
        count: 1,
        share: share(1),
      },
      {
        code: 'USER_CANCELLATION',
        category: 'User',
        permanent: false,
        caused_by_user: 'yes',
        count: 1,
        share: share(1),
      },
    ]);
    expect(res.body.by_category).toEqual([
      { category: 'Technical', count: 2, share: share(2) },
      { category: 'Review', count: 1, share: share(1) },
      { category: 'User', count: 1, share: share(1) },
    ]);
    expect(res.body.by_permanence).toEqual([
      { permanent: true, count: 1, share: share(1) },
      { permanent: false, count: 3, share: share(3) },
    ]);
    expect(res.body.by_caused_by_user).toEqual([
      { caused_by_user: 'yes', count: 2, share: share(2) },
      { caused_by_user: 'no', count: 1, share: share(1) },
      { caused_by_user: 'unknown', count: 1, share: share(1) },
    ]);
    expect(res.body.series).toEqual([
      {
        start: `${D}T00:00:00.000Z`,
        permanent: 1,
        temporary: 3,
        user_caused: 2,
        not_user_caused: 1,
        unknown: 1,
      },
    ]);
  });

  it('follows the identifications created in the range through the funnel', async () => {
    const res = await get(`/admin/analytics/funnel?${range}`);
    expect(res.status).toBe(200);
    expect(res.body.steps).toEqual([
      { step: 'created', count: 7, conversion: 1, drop_off: 0, drop_off_share: 0 },
      { step: 'requested', count: 6, conversion: 0.8571, drop_off: 1, drop_off_share: 0.1429 },
      { step: 'reviewed', count: 4, conversion: 0.5714, drop_off: 2, drop_off_share: 0.3333 },
      { step: 'successful', count: 3, conversion: 0.4286, drop_off: 1, drop_off_share: 0.25 },
    ]);
  });

  it('answers median and p90 time to the final status, overall, per status and per path', async () => {
    const res = await get(`/admin/analytics/time-to-final?${range}`);
    expect(res.status).toBe(200);
    const s = (seconds: number) => bucketMiddleSeconds(bucketOf(seconds));
    // Sorted durations 600, 1800, 3600, 7200: the median is the 2nd, p90 the 4th (percentile_disc's ranks).
    expect(res.body.overall).toEqual({ count: 4, median_seconds: s(1800), p90_seconds: s(7200) });
    expect(res.body.by_status).toEqual([
      { status: 'successful', count: 3, median_seconds: s(1800), p90_seconds: s(3600) },
      { status: 'failed', count: 1, median_seconds: s(7200), p90_seconds: s(7200) },
    ]);
    expect(res.body.by_path).toEqual([
      { path: ['pending', 'successful'], count: 2, median_seconds: s(600), p90_seconds: s(1800) },
      {
        path: ['pending', 'canceled', 'successful'],
        count: 1,
        median_seconds: s(3600),
        p90_seconds: s(3600),
      },
      {
        path: ['pending', 'pending_failed', 'failed'],
        count: 1,
        median_seconds: s(7200),
        p90_seconds: s(7200),
      },
    ]);
    expect(Math.abs(s(1800) - 1800) / 1800).toBeLessThan(0.05);
  });

  it('answers how re-identifications ended, by the reason of the identification they follow', async () => {
    const res = await get(`/admin/analytics/retries?${range}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reidentifications: 1, successful: 1, success_rate: 1 });
    expect(res.body.by_reason).toEqual([
      {
        previous_reason: 'IDENTITY_MISMATCH',
        category: 'Review',
        permanent: true,
        caused_by_user: 'unknown',
        reidentifications: 1,
        successful: 1,
        success_rate: 1,
      },
    ]);
  });

  it('ranks the top reasons with their change against the day before', async () => {
    const res = await get(`/admin/analytics/top-reasons?${range}&limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.previous_range).toEqual({ from: '2026-03-01T00:00:00.000Z', to: `${D}T00:00:00.000Z` });
    expect(res.body).toMatchObject({ outcomes: 7, previous_outcomes: 2 });
    expect(
      res.body.reasons.map((r: Record<string, unknown>) => [
        r.code,
        r.count,
        r.previous_count,
        r.change,
        r.change_share,
      ]),
    ).toEqual([
      ['IDENTITY_MISMATCH', 1, 0, 1, null],
      ['TECH_INTERNAL_SERVER_ERROR', 1, 1, 0, 0],
      ['TECH_LIGHTING', 1, 1, 0, 0],
    ]);
  });

  it('lists exactly the identifications behind a bar or a funnel step', async () => {
    const total = async (filter: Record<string, unknown>) => {
      const res = await get(`/admin/identifications?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expect(res.status).toBe(200);
      return Number(res.headers.get('content-range')!.split('/')[1]);
    };
    const day = { outcome_from: `${D}T00:00:00Z`, outcome_to: '2026-03-03T00:00:00Z' };
    expect(await total({ ...day, outcome_status: 'canceled' })).toBe(2); // B, F
    expect(await total({ ...day, outcome_status: 'successful' })).toBe(3); // A, B, G
    expect(await total({ ...day, outcome_permanent: true })).toBe(1); // C
    expect(await total({ ...day, outcome_caused_by_user: 'yes' })).toBe(2); // B, D
    expect(await total({ ...day, outcome_reason: 'TECH_LIGHTING' })).toBe(1); // B (H was the day before)
    expect(await total({ ...day, outcome_status: 'canceled', partner_id: p2 })).toBe(1); // F
    const cohort = { created_from: `${D}T00:00:00Z`, created_to: '2026-03-03T00:00:00Z' };
    expect(await total(cohort)).toBe(7);
    expect(await total({ ...cohort, reached: 'requested' })).toBe(6);
    expect(await total({ ...cohort, reached: 'reviewed' })).toBe(4);
    expect(await total({ ...cohort, reached: 'successful' })).toBe(3);
  });

  it('keeps failed reasons from support agents: the reason filters answer 403, the analytics too', async () => {
    const agent = await StaffFactory.session(t, 'support_agent');
    const res = await get(
      `/admin/identifications?filter=${encodeURIComponent(JSON.stringify({ outcome_reason: 'IDENTITY_MISMATCH' }))}`,
      agent,
    );
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ code: 'forbidden' });
    // The older reason filter too: with status=failed it would tell which reason a failure had.
    const byReason = await get(
      `/admin/identifications?filter=${encodeURIComponent(JSON.stringify({ status: 'failed', failure_reason: 'DATA_APPLICATION_DATA' }))}`,
      agent,
    );
    expect(byReason.status).toBe(403);
    expect((await get(`/admin/analytics/failures?${range}`, agent)).status).toBe(403);
  });

  it('rejects bad parameters with one Solaris error per problem, and no 500', async () => {
    const res = await get('/admin/analytics/failures?from=yesterday&granularity=minute&colour=red&limit=0');
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { source: { field: string } }) => e.source.field).sort();
    expect(fields).toEqual(['colour', 'from', 'granularity', 'limit']);
    for (const bad of [
      'from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z',
      'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      `${range.replace('2026-03-03', '2026-06-03')}&granularity=hour`,
      'status=successful,unknown',
      'category=Weather',
      'permanent=maybe',
      'partner_id=%27;drop',
      'language=FR',
      'from=2026-03-02&from=2026-03-01',
    ]) {
      const r = await get(`/admin/analytics/status-trend?${bad}`);
      expect([bad, r.status, r.body.errors?.[0]?.code]).toEqual([bad, 400, 'validation_error']);
    }
  });

  it('counts another abort on the same url as another outcome', async () => {
    await insertIdentifications(t.app.get(DataSource), [
      {
        partnerId: p1,
        personId: personOfP1,
        language: 'DE',
        createdAt: at('08:00', '2026-03-05'),
        steps: [
          { to: 'pending', at: at('08:01', '2026-03-05') },
          { to: 'aborted', at: at('08:05', '2026-03-05'), reason: 'USER_ABORT_WHILE_WAITING' },
          { to: 'aborted', at: at('08:40', '2026-03-05'), reason: 'TECH_INTERNET_CONNECTION' },
        ],
      },
    ]);
    const day = 'from=2026-03-05T00:00:00Z&to=2026-03-06T00:00:00Z';
    const res = await get(`/admin/analytics/failures?${day}`);
    expect(res.body).toMatchObject({ outcomes: 2, failures: 2 });
    expect(res.body.by_code.map((c: { code: string }) => c.code)).toEqual([
      'TECH_INTERNET_CONNECTION',
      'USER_ABORT_WHILE_WAITING',
    ]);
    const list = await get(
      `/admin/identifications?filter=${encodeURIComponent(
        JSON.stringify({ outcome_from: '2026-03-05T00:00:00Z', outcome_reason: 'TECH_INTERNET_CONNECTION' }),
      )}`,
    );
    expect(list.headers.get('content-range')).toMatch(/\/1$/);
    // The funnel counts the identification once: requested, never reviewed.
    const funnel = await get(`/admin/analytics/funnel?${day}`);
    expect(funnel.body.steps.map((s: { count: number }) => s.count)).toEqual([1, 1, 0, 0]);
  });

  it('rounds the range out to whole hours', async () => {
    const res = await get('/admin/analytics/funnel?from=2026-03-02T08:30:00Z&to=2026-03-02T09:10:00Z');
    expect(res.body.range).toMatchObject({ from: `${D}T08:00:00.000Z`, to: `${D}T10:00:00.000Z` });
    expect(res.body.steps[0].count).toBe(4); // A, B, C, D
  });
});
