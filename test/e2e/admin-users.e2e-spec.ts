import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, StaffFactory, type StaffSession, type TestStaff } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('admin: staff users', () => {
  let t: TestApp;
  let admin: StaffSession & { staff: TestStaff };
  const ds = () => t.app.get(DataSource);
  const call = (method: string, path: string, body?: unknown, s: StaffSession = admin) =>
    http(t.url, method, path, { headers: s.headers, body });
  const lastAudit = async (action: string, entityId: string) =>
    (
      await ds().query<{ actor_id: string; diff: any }[]>(
        `SELECT actor_id, diff FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id DESC LIMIT 1`,
        [action, entityId],
      )
    )[0];
  const newUser = (over: Record<string, unknown> = {}) => ({
    email: `agent-${Math.random().toString(36).slice(2, 8)}@bank.example`,
    display_name: 'Ana Keller',
    role: 'support_agent',
    password: 'Strong-enough-2026',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await StaffFactory.session(t, 'admin');
  });
  afterAll(() => t.close());

  it('creates a user who can then sign in; the hash never leaves the server; the creation is audited', async () => {
    const body = newUser();
    const res = await call('POST', '/admin/users', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: body.email,
      role: 'support_agent',
      status: 'active',
      mfa_enabled: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|argon2/);
    const login = await StaffFactory.login(t, body);
    expect(login.status).toBe(200);
    expect(await lastAudit('staff.user_created', res.body.id)).toMatchObject({
      actor_id: admin.staff.id,
      diff: { after: { email: body.email, role: 'support_agent', status: 'active' } },
    });
    const list = await call(
      'GET',
      `/admin/users?filter=${encodeURIComponent(JSON.stringify({ q: body.email }))}`,
    );
    expect(list.headers.get('content-range')).toBe('users 0-0/1');
    expect(list.body[0].id).toBe(res.body.id);
  });

  it.each([
    ['a weak password', { password: 'weakpassword' }, 'password', 400],
    ['an unknown role', { role: 'superuser' }, 'role', 400],
    ['a bad email', { email: 'not-an-email' }, 'email', 400],
    ['an unknown field', { is_admin: true }, 'is_admin', 400],
  ])('refuses %s with 400 naming the field, creating nothing', async (_, over, field, status) => {
    const before = await ds().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_users`);
    const res = await call('POST', '/admin/users', newUser(over));
    expect(res.status).toBe(status);
    expect(res.body.errors.map((e: { source?: { field: string } }) => e.source?.field)).toContain(field);
    expect(await ds().query(`SELECT count(*)::int AS n FROM staff_users`)).toEqual(before);
  });

  it('answers 409 for an email that exists in another case', async () => {
    const body = newUser();
    expect((await call('POST', '/admin/users', body)).status).toBe(201);
    const again = await call('POST', '/admin/users', { ...body, email: body.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].source.field).toBe('email');
  });

  it('changes the role, ending the user’s sessions, and audits before and after', async () => {
    const staff = await StaffFactory.session(t, 'support_agent');
    const res = await call('PUT', `/admin/users/${staff.staff.id}`, {
      role: 'compliance_officer',
      display_name: 'Officer Keller',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'compliance_officer', display_name: 'Officer Keller' });
    expect((await http(t.url, 'GET', '/admin/auth/me', { headers: staff.headers })).status).toBe(401);
    expect(await lastAudit('staff.user_updated', staff.staff.id)).toMatchObject({
      diff: {
        before: { role: 'support_agent', display_name: `Test support_agent` },
        after: { role: 'compliance_officer', display_name: 'Officer Keller' },
      },
    });
  });

  it('disables a user, who can no longer sign in', async () => {
    const staff = await StaffFactory.session(t, 'compliance_officer');
    expect((await call('PUT', `/admin/users/${staff.staff.id}`, { status: 'disabled' })).body.status).toBe(
      'disabled',
    );
    expect((await http(t.url, 'GET', '/admin/auth/me', { headers: staff.headers })).status).toBe(401);
    expect((await StaffFactory.login(t, staff.staff)).status).toBe(401);
  });

  it('resets a password: the old one stops working, sessions end, the new one must be strong', async () => {
    const staff = await StaffFactory.session(t, 'support_agent');
    const weak = await call('POST', `/admin/users/${staff.staff.id}/reset-password`, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].source.field).toBe('password');
    const ok = await call('POST', `/admin/users/${staff.staff.id}/reset-password`, {
      password: 'Brand-new-pass-2026',
    });
    expect(ok.status).toBe(200);
    expect((await http(t.url, 'GET', '/admin/auth/me', { headers: staff.headers })).status).toBe(401);
    expect((await StaffFactory.login(t, staff.staff)).status).toBe(401);
    expect((await StaffFactory.login(t, { ...staff.staff, password: 'Brand-new-pass-2026' })).status).toBe(
      200,
    );
    expect(await lastAudit('staff.password_reset', staff.staff.id)).toMatchObject({
      actor_id: admin.staff.id,
      diff: null,
    });
  });

  it('resets MFA and audits it', async () => {
    const staff = await StaffFactory.create(t, 'compliance_officer');
    await ds().query(
      `UPDATE staff_users SET mfa_enabled_at = now(), mfa_secret_encrypted = 'x' WHERE id = $1`,
      [staff.id],
    );
    const res = await call('POST', `/admin/users/${staff.id}/reset-mfa`);
    expect(res.status).toBe(200);
    expect(res.body.mfa_enabled).toBe(false);
    expect(await lastAudit('staff.mfa_reset', staff.id)).toMatchObject({
      diff: { before: { mfa_enabled: true } },
    });
  });

  it('keeps an admin from changing their own role or status', async () => {
    for (const change of [{ status: 'disabled' }, { role: 'support_agent' }]) {
      const res = await call('PUT', `/admin/users/${admin.staff.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body.errors[0].detail).toMatch(/own role or status/);
    }
    expect((await call('GET', '/admin/auth/me')).body.role).toBe('admin');
    // A name is fine.
    expect((await call('PUT', `/admin/users/${admin.staff.id}`, { display_name: 'Chief' })).status).toBe(200);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'nope', "1' OR '1'='1"]) {
      expect((await call('GET', `/admin/users/${encodeURIComponent(id)}`)).status).toBe(404);
      expect(
        (await call('PUT', `/admin/users/${encodeURIComponent(id)}`, { display_name: 'x' })).status,
      ).toBe(404);
    }
  });
});
