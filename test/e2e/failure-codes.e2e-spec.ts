import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, StaffFactory } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('failure codes with guidance (admin API)', () => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof StaffFactory.session>>;
  const filter = (f: Record<string, unknown>) => `filter=${encodeURIComponent(JSON.stringify(f))}`;
  const get = (path: string) => http(t.url, 'GET', path, { headers: agent.headers });

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' } });
    agent = await StaffFactory.session(t, 'support_agent');
  });
  afterAll(() => t.close());

  it('lists the whole catalog on one page, with Content-Range', async () => {
    const res = await get('/admin/failure-codes');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('failure-codes 0-58/59');
    expect(res.body).toHaveLength(59);
    expect(res.body[0]).toStrictEqual({
      id: 'AUDIO_OTHER',
      code: 'AUDIO_OTHER',
      category: 'Technical',
      description: 'Any other audio issues not covered by other reasons.',
      permanent: false,
      caused_by_user: 'yes',
      retry: 'after_fix',
      guidance: {
        staff: {
          en: { what_happened: expect.any(String), next_step: expect.any(String) },
          de: { what_happened: expect.any(String), next_step: expect.any(String) },
        },
        customer: {
          en: { what_happened: expect.any(String), next_step: expect.any(String) },
          de: { what_happened: expect.any(String), next_step: expect.any(String) },
        },
      },
    });
  });

  it('filters by category, permanent, caused_by_user and text, and sorts by category', async () => {
    const permanent = await get(
      `/admin/failure-codes?${filter({ permanent: true })}&sort=["category","ASC"]`,
    );
    expect(permanent.status).toBe(200);
    expect(permanent.headers.get('content-range')).toBe('failure-codes 0-5/6');
    expect(permanent.body.map((r: { code: string }) => r.code)).toEqual([
      'DATA_APPLICATION_ADDRESS',
      'DATA_APPLICATION_DATA',
      'OTHER_MISCELLANEOUS_PERMANENT',
      'ENROLLED_TO_WAITING_LIST',
      'INDECENT_BEHAVIOUR',
      'USER_LANGUAGE',
    ]);
    expect(permanent.body.every((r: { retry: string }) => r.retry === 'no')).toBe(true);

    const notUser = await get(
      `/admin/failure-codes?${filter({ category: 'Technical', caused_by_user: 'no' })}`,
    );
    expect(notUser.headers.get('content-range')).toBe('failure-codes 0-1/2');
    expect(notUser.body.map((r: { code: string }) => r.code)).toEqual([
      'IDENT_CODE_NOT_RECEIVED',
      'TECH_INTERNAL_SERVER_ERROR',
    ]);

    const text = await get(`/admin/failure-codes?${filter({ q: '30 minutes' })}`);
    expect(text.body.map((r: { code: string }) => r.code)).toEqual(['TECH_TIMEOUT']);

    const page = await get(`/admin/failure-codes?range=[0,9]&sort=["code","DESC"]`);
    expect(page.headers.get('content-range')).toBe('failure-codes 0-9/59');
    expect(page.body[0].code).toBe('WRONG_PHONE_NUMBER');

    const none = await get(`/admin/failure-codes?${filter({ category: 'User', caused_by_user: 'unknown' })}`);
    expect(none.status).toBe(200);
    expect(none.headers.get('content-range')).toBe('failure-codes */0');
    expect(none.body).toEqual([]);
  });

  it('answers one code with its guidance for staff and customer', async () => {
    const res = await get('/admin/failure-codes/TECH_INTERNAL_SERVER_ERROR');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'TECH_INTERNAL_SERVER_ERROR',
      category: 'Technical',
      description: 'An error occurred on server.',
      permanent: false,
      caused_by_user: 'no',
      retry: 'yes',
      guidance: {
        customer: {
          en: { what_happened: expect.stringContaining('not your fault') },
          de: { what_happened: expect.stringContaining('nicht an Ihnen') },
        },
      },
    });
  });

  it('answers 404 for a code the catalog does not list', async () => {
    for (const code of ['FRAUD_SUSPICION_PENDING', 'tech_lighting']) {
      const res = await get(`/admin/failure-codes/${code}`);
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe('model_not_found');
    }
  });

  it('answers 400 for an unknown filter, a bad value or an unsortable field, naming the field', async () => {
    const cases = [
      [filter({ status: 'failed' }), 'filter.status'],
      [filter({ category: 'technical' }), 'filter.category'],
      [filter({ permanent: 'yes' }), 'filter.permanent'],
      [filter({ caused_by_user: '-' }), 'filter.caused_by_user'],
      ['sort=["description","ASC"]', 'sort'],
    ] as const;
    for (const [query, field] of cases) {
      const res = await get(`/admin/failure-codes?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.errors[0].source.field).toBe(field);
    }
  });

  it('is open to every staff role and to no one without a session', async () => {
    for (const role of ['admin', 'compliance_officer'] as const) {
      const session = await StaffFactory.session(t, role);
      const res = await http(t.url, 'GET', '/admin/failure-codes/USER_LANGUAGE', {
        headers: session.headers,
      });
      expect([role, res.status]).toEqual([role, 200]);
    }
    expect((await http(t.url, 'GET', '/admin/failure-codes')).status).toBe(401);
  });
});
