import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, idnowResult } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'cb-secret-0123456789abcdef';
const txn = `${'a'.repeat(32)}cidt`;

describe('IDnow callback defences (settings)', () => {
  let withSecret: TestApp;
  let withAllowlist: TestApp;
  const stored = async (t: TestApp) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM provider_callbacks`))[0].n);

  beforeAll(async () => {
    withSecret = await startTestApp({ env: { IDNOW_CALLBACK_SECRET: SECRET, SANDBOX_TICK_MS: '0' } });
    withAllowlist = await startTestApp({
      env: { IDNOW_CALLBACK_IPS: '62.128.13.228,62.128.13.229', SANDBOX_TICK_MS: '0' },
    });
  });
  afterAll(async () => {
    await withSecret.close();
    await withAllowlist.close();
  });

  it('accepts callbacks only at the secret path when IDNOW_CALLBACK_SECRET is set', async () => {
    const plain = await http(withSecret.url, 'POST', '/providers/idnow/callback', {
      body: idnowResult(txn, 'SUCCESS'),
    });
    expect(plain.status).toBe(404);
    const wrong = await http(withSecret.url, 'POST', '/providers/idnow/callback/not-the-secret-at-all', {
      body: idnowResult(txn, 'SUCCESS'),
    });
    expect(wrong.status).toBe(404);
    expect(await stored(withSecret)).toBe(0);
    const right = await http(withSecret.url, 'POST', `/providers/idnow/callback/${SECRET}`, {
      body: idnowResult(txn, 'SUCCESS'),
    });
    expect(right.status).toBe(200);
    expect(await stored(withSecret)).toBe(1);
  });

  it('refuses callbacks from addresses outside IDNOW_CALLBACK_IPS', async () => {
    const res = await http(withAllowlist.url, 'POST', '/providers/idnow/callback', {
      body: idnowResult(txn, 'SUCCESS'),
    });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('forbidden');
    expect(await stored(withAllowlist)).toBe(0);
  });

  it('stores an identical callback body once', async () => {
    const body = idnowResult(`${'b'.repeat(32)}cidt`, 'SUCCESS');
    for (let i = 0; i < 3; i++) {
      const res = await http(withSecret.url, 'POST', `/providers/idnow/callback/${SECRET}`, { body });
      expect(res.status).toBe(200);
    }
    const [{ n }] = await withSecret.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM provider_callbacks WHERE transaction_number = $1`, [
        `${'b'.repeat(32)}cidt`,
      ]);
    expect(n).toBe(1);
  });
});
