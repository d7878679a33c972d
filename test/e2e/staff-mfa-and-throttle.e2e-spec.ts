import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { authenticatorCode, FakeClock, http, StaffFactory, type TestStaff } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

describe('console second factor (TOTP) and login throttling', () => {
  let t: TestApp;
  const clock = new FakeClock(new Date());
  const ds = () => t.app.get(DataSource);
  const login = (s: { email: string; password: string }, otp?: string) =>
    http(t.url, 'POST', '/admin/auth/login', { body: { email: s.email, password: s.password, otp } });
  const actions = async (userId: string) =>
    (
      await ds().query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [userId],
      )
    ).map((r) => r.action);

  /** Enrol through the API as the user would in the console; answers the seed and the recovery codes. */
  async function enrol(staff: TestStaff): Promise<{ secret: string; recovery: string[] }> {
    const s = await StaffFactory.login(t, staff);
    const setup = await http(t.url, 'POST', '/admin/auth/mfa/setup', { headers: s.headers });
    expect(setup.status).toBe(200);
    const confirm = await http(t.url, 'POST', '/admin/auth/mfa/confirm', {
      headers: s.headers,
      body: { otp: authenticatorCode(setup.body.secret, clock.now()) },
    });
    expect(confirm.status).toBe(200);
    clock.advance(MINUTE); // the next login needs a fresh time step
    return { secret: setup.body.secret, recovery: confirm.body.recovery_codes };
  }

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MFA_REQUIRED: 'true' } });
  });
  afterAll(() => t.close());

  it('enrols with a server-made QR code, refuses a wrong code, and shows 10 recovery codes once', async () => {
    const staff = await StaffFactory.create(t, 'support_agent');
    const s = await StaffFactory.login(t, staff);
    const setup = await http(t.url, 'POST', '/admin/auth/mfa/setup', { headers: s.headers });
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauth_url).toBe(
      `otpauth://totp/${encodeURIComponent(`KYC back-office:${staff.email}`)}?secret=${setup.body.secret}&issuer=KYC%20back-office&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.body.qr_svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(setup.body.qr_svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

    const wrong = await http(t.url, 'POST', '/admin/auth/mfa/confirm', {
      headers: s.headers,
      body: { otp: '000000' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].source.field).toBe('otp');
    expect((await http(t.url, 'GET', '/admin/auth/me', { headers: s.headers })).body.mfa_enabled).toBe(false);

    const ok = await http(t.url, 'POST', '/admin/auth/mfa/confirm', {
      headers: s.headers,
      body: { otp: authenticatorCode(setup.body.secret, clock.now()) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.recovery_codes).toHaveLength(10);
    expect(new Set(ok.body.recovery_codes).size).toBe(10);
    expect((await http(t.url, 'GET', '/admin/auth/me', { headers: s.headers })).body.mfa_enabled).toBe(true);
    const [row] = await ds().query<{ mfa_secret_encrypted: string }[]>(
      `SELECT mfa_secret_encrypted FROM staff_users WHERE id = $1`,
      [staff.id],
    );
    expect(row.mfa_secret_encrypted).not.toContain(setup.body.secret);
    const stored = await ds().query<{ code_hash: string }[]>(
      `SELECT code_hash FROM staff_recovery_codes WHERE user_id = $1`,
      [staff.id],
    );
    expect(stored.map((r) => r.code_hash)).not.toContain(ok.body.recovery_codes[0]);
    expect(await actions(staff.id)).toContain('staff.mfa_enabled');
  });

  it('asks for the code after a right password, and takes a current code once', async () => {
    const staff = await StaffFactory.create(t, 'admin');
    const { secret } = await enrol(staff);

    const noCode = await login(staff);
    expect(noCode.status).toBe(401);
    expect(noCode.body.errors[0].code).toBe('mfa_required');
    expect(noCode.headers.getSetCookie()).toEqual([]);

    const wrongCode = await login(staff, authenticatorCode(secret, clock.now(), 5));
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.errors[0].code).toBe('unauthorized');

    const code = authenticatorCode(secret, clock.now());
    const ok = await login(staff, code);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ mfa_enabled: true, mfa_enrolment_required: false });
    const replay = await login(staff, code);
    expect(replay.status).toBe(401);

    const [last] = await ds().query<{ diff: { mfa: string } }[]>(
      `SELECT diff FROM audit_events WHERE action = 'staff.login' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [staff.id],
    );
    expect(last.diff.mfa).toBe('totp');
  });

  it('takes each recovery code once in place of the code', async () => {
    const staff = await StaffFactory.create(t, 'compliance_officer');
    const { recovery } = await enrol(staff);
    expect((await login(staff, recovery[3])).status).toBe(200);
    expect((await login(staff, recovery[3])).status).toBe(401);
    expect((await login(staff, recovery[4].toUpperCase())).status).toBe(200);
  });

  it('with MFA_REQUIRED, lets an officer without a second factor only enrol; support agents are not bound', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    const s = await StaffFactory.login(t, officer);
    expect(s.status).toBe(200);
    const me = await http(t.url, 'GET', '/admin/auth/me', { headers: s.headers });
    expect(me.body).toMatchObject({ mfa_enabled: false, mfa_enrolment_required: true });
    const blocked = await http(t.url, 'GET', '/admin/webhook-deliveries', { headers: s.headers });
    expect(blocked.status).toBe(403);
    expect(blocked.body.errors[0].code).toBe('mfa_enrolment_required');

    const setup = await http(t.url, 'POST', '/admin/auth/mfa/setup', { headers: s.headers });
    await http(t.url, 'POST', '/admin/auth/mfa/confirm', {
      headers: s.headers,
      body: { otp: authenticatorCode(setup.body.secret, clock.now()) },
    });
    expect((await http(t.url, 'GET', '/admin/webhook-deliveries', { headers: s.headers })).status).toBe(200);

    const support = await StaffFactory.session(t, 'support_agent');
    const supportMe = await http(t.url, 'GET', '/admin/auth/me', { headers: support.headers });
    expect(supportMe.body.mfa_enrolment_required).toBe(false);
  });

  it('locks an account for 15 minutes after 5 failures (429 with Retry-After), audits the lockout, then lets it in', async () => {
    clock.advance(16 * MINUTE);
    const staff = await StaffFactory.create(t, 'support_agent');
    for (let i = 0; i < 5; i++) {
      expect((await login({ ...staff, password: `Wrong-password-${i}` })).status).toBe(401);
    }
    const locked = await login(staff);
    expect(locked.status).toBe(429);
    expect(locked.body.errors[0].code).toBe('too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    const trail = await actions(staff.id);
    expect(trail.filter((a) => a === 'staff.login_failed')).toHaveLength(6);
    expect(trail).toContain('staff.login_locked');

    clock.advance(15 * MINUTE + 1000);
    expect((await login(staff)).status).toBe(200);
  });

  it('throttles an IP after 20 failures across accounts', async () => {
    clock.advance(16 * MINUTE);
    for (let i = 0; i < 20; i++) {
      expect((await login({ email: `nobody-${i}@bank.example`, password: 'Wrong-password-1' })).status).toBe(
        401,
      );
    }
    const someoneElse = await StaffFactory.create(t, 'support_agent');
    const res = await login(someoneElse);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toEqual(expect.stringMatching(/^[0-9]+$/));
  });
});
