import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SANDBOX_ADMIN_EMAIL, SANDBOX_ADMIN_PASSWORD } from '#kyc/common';
import { FakeClock, http, StaffFactory } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

describe('console staff login and sessions', () => {
  let t: TestApp;
  const clock = new FakeClock(new Date());
  const ds = () => t.app.get(DataSource);
  const me = (headers: Record<string, string>) => http(t.url, 'GET', '/admin/auth/me', { headers });
  const auditActions = async (entityId: string) =>
    (
      await ds().query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [entityId],
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('creates the sandbox admin on first start, who can sign in with the documented password', async () => {
    const s = await StaffFactory.login(t, { email: SANDBOX_ADMIN_EMAIL, password: SANDBOX_ADMIN_PASSWORD });
    expect(s.status).toBe(200);
    const res = await me(s.headers);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: SANDBOX_ADMIN_EMAIL, role: 'admin' });
    expect(res.body.permissions).toEqual(expect.arrayContaining(['webhooks.read', 'webhooks.redeliver']));
    const [created] = await ds().query<{ actor_type: string }[]>(
      `SELECT actor_type FROM audit_events WHERE action = 'staff.user_created' AND entity_id = $1`,
      [res.body.id],
    );
    expect(created?.actor_type).toBe('system');
  });

  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie, and audits the login', async () => {
    const staff = await StaffFactory.create(t, 'support_agent');
    const s = await StaffFactory.login(t, staff);
    expect(s.status).toBe(200);
    const session = s.cookies.find((c) => c.startsWith('kyc_session='))!;
    const csrf = s.cookies.find((c) => c.startsWith('kyc_csrf='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).not.toMatch(/; Secure/); // sandbox runs on plain http://127.0.0.1
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toContain(`kyc_csrf=${s.csrf}`);
    // Only digests are stored: the cookie's token is not in the table.
    const token = session.split(';')[0].split('=')[1];
    const [{ n }] = await ds().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM staff_sessions WHERE id = $1 OR csrf_hash = $2`,
      [token, s.csrf],
    );
    expect(n).toBe(0);
    expect(await auditActions(staff.id)).toEqual(['staff.login']);
  });

  it.each([
    ['a wrong password', { password: 'Wrong-password-123' }, 'wrong_password'],
    ['an unknown email', { email: 'nobody@bank.example' }, 'unknown_email'],
  ])('answers 401 for %s, with the same message, and audits the failure', async (_, change, reason) => {
    const staff = await StaffFactory.create(t, 'compliance_officer');
    const res = await http(t.url, 'POST', '/admin/auth/login', {
      body: { email: staff.email, password: staff.password, ...change },
    });
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({
      code: 'unauthorized',
      detail: 'The email, password or code is not correct.',
    });
    expect(res.headers.getSetCookie()).toEqual([]);
    const [row] = await ds().query<{ diff: { reason: string } }[]>(
      `SELECT diff FROM audit_events WHERE action = 'staff.login_failed' ORDER BY id DESC LIMIT 1`,
    );
    expect(row?.diff.reason).toBe(reason);
  });

  it('refuses a disabled user with the same 401', async () => {
    const staff = await StaffFactory.create(t, 'admin', { status: 'disabled' });
    const s = await StaffFactory.login(t, staff);
    expect(s.status).toBe(401);
    expect(await auditActions(staff.id)).toEqual(['staff.login_failed']);
  });

  it.each([
    ['no body', undefined],
    ['a missing password', { email: 'a@b.example' }],
    ['an unknown field', { email: 'a@b.example', password: 'x', role: 'admin' }],
    ['a number as email', { email: 42, password: 'x' }],
  ])('answers 400 in the Solaris shape for %s', async (_, body) => {
    const res = await http(t.url, 'POST', '/admin/auth/login', { body });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].id).toEqual(expect.any(String));
  });

  it('names the type error first for a value of the wrong type', async () => {
    const res = await http(t.url, 'POST', '/admin/auth/login', { body: { email: 42, password: 7 } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { detail: string }) => e.detail)).toEqual([
      'email must be a string',
      'password must be a string',
    ]);
  });

  it('answers 401 in the Solaris shape without a session, or with a forged one', async () => {
    const forged: Record<string, string>[] = [
      {},
      { cookie: 'kyc_session=' + 'A'.repeat(43) },
      { cookie: 'kyc_session=../../etc' },
    ];
    for (const headers of forged) {
      const res = await me(headers);
      expect(res.status).toBe(401);
      expect(res.body.errors[0]).toMatchObject({ status: 401, code: 'unauthorized' });
    }
  });

  it('requires the CSRF token on state-changing calls', async () => {
    const s = await StaffFactory.session(t, 'admin');
    const without = await http(t.url, 'POST', '/admin/auth/logout', {
      headers: { cookie: s.headers.cookie },
    });
    expect(without.status).toBe(403);
    const wrong = await http(t.url, 'POST', '/admin/auth/logout', {
      headers: { cookie: s.headers.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.status).toBe(403);
    expect((await me(s.headers)).status).toBe(200); // still signed in
  });

  it('logout revokes the session at once and is audited', async () => {
    const s = await StaffFactory.session(t, 'compliance_officer');
    const out = await http(t.url, 'POST', '/admin/auth/logout', { headers: s.headers });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => /^kyc_session=;.*Max-Age=0/.test(c))).toBe(true);
    expect((await me(s.headers)).status).toBe(401);
    expect(await auditActions(s.staff.id)).toEqual(['staff.login', 'staff.logout']);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const idle = await StaffFactory.session(t, 'support_agent');
    const active = await StaffFactory.session(t, 'support_agent');
    for (let i = 0; i < 4; i++) {
      clock.advance(10 * MINUTE);
      expect((await me(active.headers)).status).toBe(200);
    }
    expect((await me(idle.headers)).status).toBe(401);
    expect((await me(active.headers)).status).toBe(200);
  });

  it('ends a session 12 hours after login however active', async () => {
    const s = await StaffFactory.session(t, 'admin');
    for (let i = 0; i < 47; i++) {
      clock.advance(15 * MINUTE);
      expect((await me(s.headers)).status).toBe(200);
    }
    clock.advance(15 * MINUTE);
    expect((await me(s.headers)).status).toBe(401);
  });
});
