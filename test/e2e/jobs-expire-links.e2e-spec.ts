import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JobRunner } from '#kyc/jobs';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-27T08:00:00.000Z');

/**
 * The expiry job (issue "Scheduled reconciliation", job 1) through the real runner: a link requested at
 * T0 expires at exactly T0 + 14 days, not a second before; each expiry writes the status event, the audit
 * event and the IDENTIFICATION webhook; a slot runs once; running again changes nothing. Plus the jobs'
 * admin API: the list, the run rows, "run now" (audited) and its bad inputs.
 */
describe('scheduled jobs: expire links', () => {
  let t: TestApp;
  let partner: TestPartner;
  const clock = new FakeClock(T0);
  const ds = () => t.app.get(DataSource);
  const runner = () => t.app.get(JobRunner);

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  async function requested(): Promise<{ personId: string; id: string; path: string }> {
    const person = await PersonFactory.create(t, partner);
    const created = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const path = `/v1/persons/${person.id}/identifications/${created.body.id}`;
    const res = await http(t.url, 'PATCH', `${path}/request`, { token: partner.token });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('pending');
    return { personId: person.id, id: created.body.id, path };
  }

  const statusOf = async (id: string) =>
    (await ds().query<{ status: string }[]>(`SELECT status FROM identifications WHERE id = $1`, [id]))[0]
      .status;

  it('expires a link at exactly 14 days, with event, audit and webhook each, once per slot', async () => {
    clock.set(T0);
    const first = await requested();
    const second = await requested();
    clock.set(new Date(T0.getTime() + 10_000));
    const later = await requested();

    // One second before the 14 days: nothing is due.
    const early = await runner().runSlot('expire_links', clock.set(new Date(T0.getTime() + 14 * DAY - 1000)));
    expect(early).toMatchObject({ status: 'succeeded', processed: 0, failed: 0 });
    expect(await statusOf(first.id)).toBe('pending');

    // At exactly 14 days the two links requested at T0 expire; the one requested 10 s later does not.
    const slot = clock.set(new Date(T0.getTime() + 14 * DAY));
    const run = await runner().runSlot('expire_links', slot);
    expect(run).toMatchObject({ status: 'succeeded', processed: 2, failed: 0, trigger: 'schedule' });
    expect(run!.summary).toMatchObject({ expired: 2 });
    expect([await statusOf(first.id), await statusOf(second.id), await statusOf(later.id)]).toEqual([
      'expired',
      'expired',
      'pending',
    ]);

    const events = await ds().query(
      `SELECT identification_id, from_status, to_status, actor, actor_id FROM identification_events
        WHERE to_status = 'expired' ORDER BY identification_id`,
    );
    expect(events).toEqual(
      [first.id, second.id].sort().map((id) => ({
        identification_id: id,
        from_status: 'pending',
        to_status: 'expired',
        actor: 'system',
        actor_id: 'expire_links',
      })),
    );
    const audits = await ds().query<{ entity_id: string; actor_type: string; diff: { job_run: string } }[]>(
      `SELECT entity_id, actor_type, diff FROM audit_events WHERE action = 'identification.expired' ORDER BY entity_id`,
    );
    expect(audits.map((a) => [a.entity_id, a.actor_type, a.diff.job_run])).toEqual(
      [first.id, second.id].sort().map((id) => [id, 'system', run!.id]),
    );
    const webhooks = await ds().query<{ entity_id: string; payload: { status: string } }[]>(
      `SELECT entity_id, payload FROM domain_events WHERE event_type = 'IDENTIFICATION' AND payload->>'status' = 'expired'`,
    );
    expect(webhooks.map((w) => w.entity_id).sort()).toEqual([first.id, second.id].sort());

    // The partner sees it, and an expired link cannot be requested again.
    const seen = await http(t.url, 'GET', first.path, { token: (await PartnerFactory.create(t)).token });
    expect(seen.status).toBe(404); // another tenant's id
    const token = await freshToken();
    expect((await http(t.url, 'GET', first.path, { token })).body.status).toBe('expired');
    const again = await http(t.url, 'PATCH', `${first.path}/request`, { token });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);

    // The slot ran: no second run of it, whichever process asks.
    expect(await runner().runSlot('expire_links', slot)).toBeNull();
    // Running the job again (another slot, same instant) changes nothing.
    const rerun = await runner().runSlot('expire_links', new Date(slot.getTime() + 1));
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0 });
    const [{ n }] = await ds().query(
      `SELECT count(*)::int AS n FROM identification_events WHERE to_status = 'expired'`,
    );
    expect(n).toBe(2);
    const [{ rows }] = await ds().query(
      `SELECT count(*)::int AS rows FROM job_runs WHERE job = 'expire_links' AND slot = $1`,
      [slot],
    );
    expect(rerun).not.toBeNull();
    expect(rows).toBe(1);
  });

  async function freshToken(): Promise<string> {
    const res = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    return res.body.access_token as string;
  }

  it('lists the jobs and their runs for admins, and runs one now (audited)', async () => {
    const admin = await StaffFactory.session(t, 'admin');
    const list = await http(t.url, 'GET', '/admin/jobs', { headers: admin.headers });
    expect(list.status).toBe(200);
    const job = list.body.find((j: { id: string }) => j.id === 'expire_links');
    expect(job).toMatchObject({
      schedule: '*/5 * * * *',
      schedule_setting: 'JOB_EXPIRE_LINKS_SCHEDULE',
      enabled: true,
      dry_run_supported: false,
      last_run: { job: 'expire_links', status: 'succeeded' },
    });
    expect(new Date(job.next_run_at).getTime()).toBeGreaterThan(clock.now().getTime());
    expect(list.headers.get('content-range')).toBe(`jobs 0-${list.body.length - 1}/${list.body.length}`);
    // One job is the list's row, without the list's range header.
    const one = await http(t.url, 'GET', '/admin/jobs/expire_links', { headers: admin.headers });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(job);
    expect(one.headers.get('content-range')).toBeNull();

    const started = await http(t.url, 'POST', '/admin/jobs/expire_links/runs', {
      headers: admin.headers,
      body: {},
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ job: 'expire_links', trigger: 'manual', status: 'running' });
    let run = started.body;
    for (let i = 0; i < 50 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await http(t.url, 'GET', `/admin/jobs/runs/${started.body.id}`, { headers: admin.headers }))
        .body;
    }
    expect(run).toMatchObject({ status: 'succeeded', requested_by: admin.staff.id });
    expect(run.duration_ms).toEqual(expect.any(Number));
    const [audit] = await ds().query(
      `SELECT actor_id, diff FROM audit_events WHERE action = 'job.run_requested' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor_id: admin.staff.id, diff: { dry_run: false } });

    const runs = await http(t.url, 'GET', '/admin/jobs/runs?filter=%7B%22trigger%22%3A%22manual%22%7D', {
      headers: admin.headers,
    });
    expect(runs.status).toBe(200);
    expect(runs.body.map((r: { id: string }) => r.id)).toContain(started.body.id);
  });

  it('refuses bad run requests in the Solaris error shape, and other roles', async () => {
    const admin = await StaffFactory.session(t, 'admin');
    const before = (await ds().query(`SELECT count(*)::int AS n FROM job_runs`))[0].n;
    const cases: [string, unknown, number, string][] = [
      ['/admin/jobs/expire_links/runs', { dry_run: true }, 400, 'validation_error'],
      ['/admin/jobs/expire_links/runs', { dry_run: 'yes' }, 400, 'validation_error'],
      ['/admin/jobs/expire_links/runs', { slot: '2020-01-01' }, 400, 'validation_error'],
      ['/admin/jobs/no_such_job/runs', {}, 404, 'model_not_found'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await http(t.url, 'POST', path, { headers: admin.headers, body });
      expect({ path, body, status: res.status, code: res.body.errors?.[0]?.code }).toEqual({
        path,
        body,
        status,
        code,
      });
    }
    expect((await http(t.url, 'GET', '/admin/jobs/runs/abc', { headers: admin.headers })).status).toBe(404);
    expect(
      (
        await http(t.url, 'GET', '/admin/jobs/runs?filter=%7B%22job%22%3A%22nope%22%7D', {
          headers: admin.headers,
        })
      ).status,
    ).toBe(400);
    for (const role of ['compliance_officer', 'support_agent'] as const) {
      const s = await StaffFactory.session(t, role);
      expect((await http(t.url, 'GET', '/admin/jobs', { headers: s.headers })).status).toBe(403);
      expect(
        (await http(t.url, 'POST', '/admin/jobs/expire_links/runs', { headers: s.headers, body: {} })).status,
      ).toBe(403);
    }
    expect((await ds().query(`SELECT count(*)::int AS n FROM job_runs`))[0].n).toBe(before);
  });
});
