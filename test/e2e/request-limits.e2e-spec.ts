import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { registeredRoutes } from '#kyc/common';
import { runWithStatementTimeout } from '#kyc/database';
import {
  http,
  type HttpResult,
  PartnerFactory,
  PersonFactory,
  serverUrl,
  StaffFactory,
  type StaffSession,
  type TestPartner,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BODY_LIMIT = 2048;
const TIMEOUT_MS = 2000;

let t: TestApp;
let partner: TestPartner;
let admin: StaffSession;
const ds = () => t.app.get(DataSource);

beforeAll(async () => {
  t = await startTestApp({
    env: { BODY_LIMIT_BYTES: String(BODY_LIMIT), DB_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
  partner = await PartnerFactory.create(t);
  admin = await StaffFactory.session(t, 'admin');
}, 240_000);

afterAll(async () => {
  await t?.close();
});

function expectSolaris(res: HttpResult, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0]).toMatchObject({ status, code });
  return res.body.errors[0] as { detail: string; source?: { field: string } };
}

describe('body size', () => {
  const oversized = JSON.stringify({ pad: 'a'.repeat(BODY_LIMIT + 1) });

  it('answers 413 in the Solaris shape on every route that takes a body', async () => {
    const routes = registeredRoutes(t.app.getHttpAdapter().getInstance()).filter(
      (r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.url.includes('*'),
    );
    expect(routes.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await http(t.url, r.method, r.url.replace(/:[^/]+/g, 'x'), {
        raw: oversized,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${partner.token}` },
      });
      if (res.status !== 413 || res.body?.errors?.[0]?.code !== 'payload_too_large') {
        wrong.push(`${r.method} ${r.url}: ${res.status}`);
      }
    }
    expect(wrong).toStrictEqual([]);
  });

  it('answers 413 for an oversized form at /oauth/token, and writes nothing for an oversized person', async () => {
    const form = await http(t.url, 'POST', '/oauth/token', {
      raw: `grant_type=client_credentials&pad=${'a'.repeat(BODY_LIMIT)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectSolaris(form, 413, 'payload_too_large');

    const body = PersonFactory.body({ pad: 'a'.repeat(BODY_LIMIT) });
    const res = await http(t.url, 'POST', '/v1/persons', { token: partner.token, body });
    expect(expectSolaris(res, 413, 'payload_too_large').detail).toBe(
      'The request body is larger than the allowed limit.',
    );
    const [{ n }] = await ds().query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM persons WHERE partner_id = $1',
      [partner.partnerId],
    );
    expect(n).toBe(0);
  });
});

describe('page size', () => {
  it('answers 400 naming page[size] above 100 on every partner list, and serves 100', async () => {
    const person = await PersonFactory.create(t, partner);
    for (const path of [
      '/v1/webhooks',
      `/v1/persons/${person.id}/documents`,
      `/v1/persons/${person.id}/identifications`,
    ]) {
      const big = await http(t.url, 'GET', `${path}?page[size]=101`, { token: partner.token });
      expect(expectSolaris(big, 400, 'validation_error').source).toStrictEqual({
        field: 'page[size]',
        message: 'must be an integer from 1 to 100',
      });
      expect((await http(t.url, 'GET', `${path}?page[size]=100`, { token: partner.token })).status).toBe(200);
    }
  });

  it("pages a person's identifications, oldest first", async () => {
    const person = await PersonFactory.create(t, partner);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
        token: partner.token,
        body: { method: 'idnow', language: 'EN' },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const path = `/v1/persons/${person.id}/identifications`;
    const ids$ = async (q: string) =>
      (await http(t.url, 'GET', path + q, { token: partner.token })).body.map((i: { id: string }) => i.id);
    expect(await ids$('')).toStrictEqual(ids);
    expect(await ids$('?page[size]=2')).toStrictEqual(ids.slice(0, 2));
    expect(await ids$('?page[number]=2&page[size]=2')).toStrictEqual(ids.slice(2));
  });

  it('serves at most 100 rows of an admin list whatever range is asked, and 400 for a bad range', async () => {
    await ds().query(
      `INSERT INTO partner_clients (client_id, partner_id, secret_hash, secret_rotated_at)
       SELECT 'bulk-' || g, $1, 'x', now() FROM generate_series(1, 105) g`,
      [partner.partnerId],
    );
    const res = await http(t.url, 'GET', '/admin/partner-clients?range=[0,999]', { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(100);
    expect(res.headers.get('content-range')).toMatch(/^partner-clients 0-99\/10[6-9]$/);
    const bad = await http(t.url, 'GET', '/admin/partner-clients?range=[0,"x"]', { headers: admin.headers });
    expect(expectSolaris(bad, 400, 'validation_error').source?.field).toBe('range');
  });
});

describe('statement timeout', () => {
  it('gives the statements of a request DB_STATEMENT_TIMEOUT_MS and the others none', async () => {
    const show = async () =>
      (await ds().query<{ statement_timeout: string }[]>('SHOW statement_timeout'))[0].statement_timeout;
    expect(await runWithStatementTimeout(TIMEOUT_MS, show)).toBe('2s');
    expect(await show()).toBe('0');
  });

  // The embedded engine (WebAssembly, no timers) accepts statement_timeout but cannot enforce it.
  const onServer = serverUrl() ? it : it.skip;

  /** Hold a lock another session's statements wait for, until `release` is called. */
  async function lockTable(table: string) {
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    return async () => {
      await client.query('ROLLBACK');
      await client.end();
    };
  }

  onServer(
    'answers 503 with Retry-After when a statement runs past the limit, then serves again',
    async () => {
      const release = await lockTable('webhook_subscriptions');
      try {
        const started = Date.now();
        const res = await http(t.url, 'GET', '/v1/webhooks', { token: partner.token });
        const e = expectSolaris(res, 503, 'service_unavailable');
        expect(e.detail).toBe('The database did not answer in time. Try again shortly.');
        expect(res.headers.get('retry-after')).toBe('5');
        expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      } finally {
        await release();
      }
      expect((await http(t.url, 'GET', '/v1/webhooks', { token: partner.token })).status).toBe(200);
    },
  );

  onServer('does not cut a job started from a request (run now)', async () => {
    const release = await lockTable('identifications');
    const started = await http(t.url, 'POST', '/admin/jobs/expire_links/runs', {
      headers: admin.headers,
      body: {},
    });
    expect(started.status).toBe(202);
    // The job waits for the lock longer than a request's statement may run.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS + 1500));
    await release();
    let run = started.body;
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await http(t.url, 'GET', `/admin/jobs/runs/${started.body.id}`, { headers: admin.headers }))
        .body;
    }
    expect(run).toMatchObject({ status: 'succeeded', error: null });
  });
});
