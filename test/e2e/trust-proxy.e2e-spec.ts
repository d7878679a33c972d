import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, StaffFactory } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Sign a new officer in with `forwardedFor` as X-Forwarded-For; the address its staff.login audit row holds. */
async function loginAuditIp(t: TestApp, forwardedFor: string): Promise<string | null> {
  const officer = await StaffFactory.create(t, 'compliance_officer');
  const res = await http(t.url, 'POST', '/admin/auth/login', {
    body: { email: officer.email, password: officer.password },
    headers: { 'x-forwarded-for': forwardedFor },
  });
  expect(res.status).toBe(200);
  const [row] = await t.app
    .get(DataSource)
    .query<{ ip: string | null }[]>(
      `SELECT ip FROM audit_events WHERE action = 'staff.login' AND actor_id = $1`,
      [officer.id],
    );
  return row.ip;
}

describe('the client address behind a load balancer (TRUST_PROXY)', () => {
  describe('unset (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For: the audit trail records the peer that connected', async () => {
      expect(await loginAuditIp(t, '203.0.113.7')).toBe('127.0.0.1');
    });
  });

  describe('naming the balancer (here 127.0.0.1, the test client)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    });
    afterAll(() => t.close());

    it('records the client address the balancer forwarded', async () => {
      expect(await loginAuditIp(t, '203.0.113.7')).toBe('203.0.113.7');
    });

    it('records the address the balancer saw, not one the client prepended to the header', async () => {
      // The client sent "X-Forwarded-For: 198.51.100.9"; the balancer appended the address it saw.
      expect(await loginAuditIp(t, '198.51.100.9, 203.0.113.8')).toBe('203.0.113.8');
    });
  });
});
