import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadEnv } from '#kyc/common';
import { JobRunner } from '#kyc/jobs';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Session = Awaited<ReturnType<typeof StaffFactory.session>>;
type Row = {
  id: string;
  person_id: string;
  partner_id: string;
  due_date: string;
  days_left: number;
  overdue: boolean;
  first_name?: string | null;
  last_name?: string | null;
  resolved_at: string | null;
  first_listed_at: string;
};

const T0 = new Date('2026-11-27T08:00:00.000Z');
const q = (filter: Record<string, unknown>, extra = '') =>
  `/admin/aml-follow-ups?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;

/**
 * The AML follow-up job (issue "Scheduled reconciliation", job 4) and its list for compliance: persons due
 * in 29 or 30 days and past due are listed, one due in 31 days is not; a new AML confirmation moves the
 * date out and resolves the row; every change audited; officers see names (audited), other roles 403;
 * bad filters 400 in the Solaris shape.
 */
describe('scheduled jobs: AML follow-up', () => {
  let t: TestApp;
  let partner: TestPartner;
  let session: { at: number; s: Session } | undefined;
  const clock = new FakeClock(T0);
  const ds = () => t.app.get(DataSource);
  const runner = () => t.app.get(JobRunner);
  const persons: Record<'in29' | 'in30' | 'in31' | 'past' | 'later', { id: string; last_name: string }> =
    {} as never;

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
    const dates = {
      in29: '2026-12-26',
      in30: '2026-12-27',
      in31: '2026-12-28',
      past: '2026-11-01',
      later: null,
    } as const;
    for (const [key, date] of Object.entries(dates)) {
      const p = await PersonFactory.create(t, partner);
      // The partner API only confirms today or tomorrow (78 months ahead): earlier dates are history.
      if (date) await ds().query(`UPDATE persons SET aml_follow_up_date = $2 WHERE id = $1`, [p.id, date]);
      persons[key as keyof typeof persons] = { id: p.id, last_name: p.last_name as string };
    }
  });
  afterAll(() => t.close());

  /** A compliance officer signed in at the clock's instant (a session idles out as the clock moves). */
  const officer = async (): Promise<Session> => {
    if (session?.at !== clock.now().getTime()) {
      session = { at: clock.now().getTime(), s: await StaffFactory.session(t, 'compliance_officer') };
    }
    return session.s;
  };
  const list = async (path: string) => {
    const res = await http(t.url, 'GET', path, { headers: (await officer()).headers });
    expect(res.status).toBe(200);
    return res.body as Row[];
  };
  const audits = (action: string) =>
    ds().query<{ entity_id: string; actor_type: string; actor_id: string; diff: Record<string, unknown> }[]>(
      `SELECT entity_id, actor_type, actor_id, diff FROM audit_events WHERE action = $1 ORDER BY id`,
      [action],
    );

  it('lists persons due within 30 days or past, not those due later, audited, once per slot', async () => {
    const run = await runner().runSlot('aml_follow_up', T0);
    expect(run).toMatchObject({ status: 'succeeded', processed: 3, skipped: 0, failed: 0 });
    expect(run!.summary).toEqual({
      listed: 3,
      resolved: 0,
      still_listed: 0,
      window_days: 30,
      cutoff: T0.toISOString(),
    });

    const rows = await list('/admin/aml-follow-ups');
    expect(rows.map((r) => [r.person_id, r.partner_id, r.due_date, r.days_left, r.overdue])).toEqual([
      [persons.past.id, partner.partnerId, '2026-11-01', -26, true],
      [persons.in29.id, partner.partnerId, '2026-12-26', 29, false],
      [persons.in30.id, partner.partnerId, '2026-12-27', 30, false],
    ]);
    expect(rows[1]).toMatchObject({
      first_name: 'Jane',
      last_name: persons.in29.last_name,
      resolved_at: null,
    });

    const listed = await audits('aml_follow_up.listed');
    expect(listed.map((a) => [a.entity_id, a.actor_type, a.actor_id]).sort()).toEqual(
      [persons.past.id, persons.in29.id, persons.in30.id].sort().map((id) => [id, 'system', 'aml_follow_up']),
    );
    // Ids and dates only: no name, no birth date in the trail.
    expect(listed.find((a) => a.entity_id === persons.in29.id)!.diff).toEqual({
      due_date: '2026-12-26',
      window_days: 30,
      job_run: run!.id,
    });
    // The officer saw names: one audited view of those persons.
    const [view] = await ds().query<{ actor_id: string; diff: { via: string; ids: string[] } }[]>(
      `SELECT actor_id, diff FROM audit_events WHERE action = 'persons.listed' ORDER BY id DESC LIMIT 1`,
    );
    expect(view).toEqual({
      actor_id: (await officer()).staff.id,
      diff: { via: 'aml_follow_ups', ids: rows.map((r) => r.person_id) },
    });

    // The slot ran once; a run at the same instant changes nothing.
    expect(await runner().runSlot('aml_follow_up', T0)).toBeNull();
    const rerun = await runner().runSlot('aml_follow_up', new Date(T0.getTime() + 1));
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0, skipped: 3 });
    expect(await audits('aml_follow_up.listed')).toHaveLength(3);
    expect((await list('/admin/aml-follow-ups')).map((r) => r.first_listed_at)).toEqual(
      rows.map((r) => r.first_listed_at),
    );
  });

  it('filters by overdue and due_within', async () => {
    const ids = async (filter: Record<string, unknown>) => (await list(q(filter))).map((r) => r.person_id);
    expect(await ids({ overdue: true })).toEqual([persons.past.id]);
    expect(await ids({ overdue: false })).toEqual([persons.in29.id, persons.in30.id]);
    expect(await ids({ due_within: '29' })).toEqual([persons.past.id, persons.in29.id]);
    expect(await ids({ due_within: '29', overdue: false })).toEqual([persons.in29.id]);
    expect(await ids({ status: 'resolved' })).toEqual([]);
    const paged = await http(t.url, 'GET', `${q({})}&range=${encodeURIComponent('[0,0]')}`, {
      headers: (await officer()).headers,
    });
    expect(paged.headers.get('content-range')).toBe('aml-follow-ups 0-0/3');
  });

  it('resolves a person whose new AML confirmation moved the date out of the window', async () => {
    const patched = await http(t.url, 'PATCH', `/v1/persons/${persons.in29.id}`, {
      token: partner.token,
      body: { aml_confirmed_on: '2026-11-27' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.aml_follow_up_date).toBe('2033-05-27');

    const slot = clock.advance(3_600_000);
    const run = await runner().runSlot('aml_follow_up', slot);
    expect(run).toMatchObject({ status: 'succeeded', processed: 1, skipped: 2 });
    expect(run!.summary).toMatchObject({ listed: 0, resolved: 1 });
    expect((await list('/admin/aml-follow-ups')).map((r) => r.person_id)).toEqual([
      persons.past.id,
      persons.in30.id,
    ]);
    const resolved = await list(q({ status: 'resolved' }));
    expect(resolved).toMatchObject([
      { person_id: persons.in29.id, due_date: '2026-12-26', resolved_at: slot.toISOString() },
    ]);
    expect(await audits('aml_follow_up.resolved')).toEqual([
      {
        entity_id: persons.in29.id,
        actor_type: 'system',
        actor_id: 'aml_follow_up',
        diff: { due_date: '2026-12-26', new_due_date: '2033-05-27', job_run: run!.id },
      },
    ]);
    // Running again changes nothing.
    const rerun = await runner().runSlot('aml_follow_up', new Date(clock.now().getTime() + 1));
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0 });
  });

  it('is for compliance officers only, and refuses bad filters in the Solaris shape', async () => {
    for (const role of ['support_agent', 'admin'] as const) {
      const s = await StaffFactory.session(t, role);
      const res = await http(t.url, 'GET', '/admin/aml-follow-ups', { headers: s.headers });
      expect(res.status).toBe(403);
    }
    expect((await http(t.url, 'GET', '/admin/aml-follow-ups')).status).toBe(401);

    const cases: [string, string][] = [
      [q({ due_within: 'soon' }), 'filter.due_within'],
      [q({ due_within: '400' }), 'filter.due_within'],
      [q({ due_within: 7 }), 'filter.due_within'],
      [q({ overdue: 'yes' }), 'filter.overdue'],
      [q({ status: 'closed' }), 'filter.status'],
      [q({ name: 'Jane' }), 'filter.name'],
      ['/admin/aml-follow-ups?sort=%5B%22last_name%22%2C%22ASC%22%5D', 'sort'],
    ];
    const headers = (await officer()).headers;
    const before = (await ds().query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
    for (const [path, field] of cases) {
      const res = await http(t.url, 'GET', path, { headers });
      expect({ path, status: res.status, error: res.body.errors?.[0] }).toEqual({
        path,
        status: 400,
        error: expect.objectContaining({
          code: 'validation_error',
          source: expect.objectContaining({ field }),
        }),
      });
    }
    expect((await ds().query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(before);
  });

  it('reads the window as a validated setting', () => {
    expect(loadEnv({}).AML_FOLLOW_UP_WINDOW_DAYS).toBe(30);
    expect(loadEnv({ AML_FOLLOW_UP_WINDOW_DAYS: '60' }).AML_FOLLOW_UP_WINDOW_DAYS).toBe(60);
    for (const bad of ['0', '366', 'month']) {
      expect(() => loadEnv({ AML_FOLLOW_UP_WINDOW_DAYS: bad })).toThrow(/AML_FOLLOW_UP_WINDOW_DAYS/);
    }
  });
});
