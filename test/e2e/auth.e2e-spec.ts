import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PartnerAuthService } from '#kyc/auth';
import { Clock } from '#kyc/common';
import { http, type HttpResult, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { DataSource } from 'typeorm';
import { provisionSandboxPartner } from '../../apps/api/src/sandbox-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Production mode, without partner settings (loadEnv refuses them, even empty) and with an unreachable IDnow. */
const PRODUCTION_ENV = {
  APP_ENV: 'production',
  IDNOW_BASE_URL: 'http://127.0.0.1:9/idnow',
  IDNOW_API_KEY: 'idnow-api-key',
  WEBHOOK_SECRET_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  DOCUMENT_STORAGE: 'fs',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A clock the test moves forward, to let tokens expire without waiting. */
class MovableClock extends Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** One Solaris error entry with exactly the documented keys, and the status repeated inside. */
function expectSolarisError(res: HttpResult, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(['errors']);
  expect(res.body.errors).toHaveLength(1);
  const [e] = res.body.errors;
  expect(
    Object.keys(e)
      .filter((k) => k !== 'source')
      .sort(),
  ).toEqual(['code', 'detail', 'id', 'status', 'title']);
  expect(e).toMatchObject({ status, code });
  expect(e.id).toMatch(UUID);
  expect(typeof e.title).toBe('string');
  expect(typeof e.detail).toBe('string');
  return e as {
    id: string;
    status: number;
    code: string;
    title: string;
    detail: string;
    source?: { field: string };
  };
}

/** A token is good when it lets its holder create and read a person. */
async function expectTokenWorks(t: TestApp, token: string) {
  const created = await http(t.url, 'POST', '/v1/persons', { token, body: PersonFactory.body() });
  expect(created.status).toBe(201);
  const read = await http(t.url, 'GET', `/v1/persons/${created.body.id}`, { token });
  expect(read.status).toBe(200);
  expect(read.body.id).toBe(created.body.id);
}

describe('partner auth', () => {
  let t: TestApp;
  let partner: TestPartner;
  const clock = new MovableClock();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  describe('POST /oauth/token', () => {
    it('issues a bearer token for HTTP Basic with a form body grant_type=client_credentials', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic(partner.clientId, partner.secret) },
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
      expect(res.body.token_type).toBe('Bearer');
      expect(res.body.expires_in).toBe(3600);
      expect(res.body.access_token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      await expectTokenWorks(t, res.body.access_token);
    });

    it('issues a token for client_id and client_secret in a form body', async () => {
      const raw = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: partner.clientId,
        client_secret: partner.secret,
      }).toString();
      const res = await http(t.url, 'POST', '/oauth/token', { raw, headers: FORM });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('Bearer');
      await expectTokenWorks(t, res.body.access_token);
    });

    it('issues a token for client_id and client_secret in a JSON body', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: partner.clientId,
          client_secret: partner.secret,
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
      await expectTokenWorks(t, res.body.access_token);
    });

    it('issues a token for grant_type in the query string with HTTP Basic and no body', async () => {
      const res = await http(t.url, 'POST', '/oauth/token?grant_type=client_credentials', {
        headers: { authorization: basic(partner.clientId, partner.secret) },
      });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('Bearer');
      await expectTokenWorks(t, res.body.access_token);
    });

    it('issues a different token on every call', async () => {
      const body = {
        grant_type: 'client_credentials',
        client_id: partner.clientId,
        client_secret: partner.secret,
      };
      const [a, b] = await Promise.all([
        http(t.url, 'POST', '/oauth/token', { body }),
        http(t.url, 'POST', '/oauth/token', { body }),
      ]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.body.access_token).not.toBe(b.body.access_token);
    });

    it('answers 401 in the Solaris error shape for a wrong secret', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic(partner.clientId, `${partner.secret}x`) },
      });
      const e = expectSolarisError(res, 401, 'unauthorized');
      expect(e.title).toBe('Unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(JSON.stringify(res.body)).not.toContain(partner.secret);
    });

    it('answers an unknown client exactly as a wrong secret, so client ids cannot be probed', async () => {
      const body = (client_id: string, client_secret: string) => ({
        body: { grant_type: 'client_credentials', client_id, client_secret },
      });
      const wrongSecret = await http(
        t.url,
        'POST',
        '/oauth/token',
        body(partner.clientId, 'not-the-secret-at-all'),
      );
      const unknown = await http(
        t.url,
        'POST',
        '/oauth/token',
        body('c-doesnotexist', 'not-the-secret-at-all'),
      );
      const a = expectSolarisError(wrongSecret, 401, 'unauthorized');
      const b = expectSolarisError(unknown, 401, 'unauthorized');
      expect({ ...a, id: '' }).toEqual({ ...b, id: '' });
      expect(a.id).not.toBe(b.id);
    });

    it('answers 401 when no credentials are sent', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', { body: { grant_type: 'client_credentials' } });
      expectSolarisError(res, 401, 'unauthorized');
    });

    it('answers 401, not 500, for Basic credentials that are not valid percent-encoding', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic(partner.clientId, '100%-wrong') },
      });
      expectSolarisError(res, 401, 'unauthorized');
    });

    it('reads form-encoded Basic credentials (RFC 6749), and a raw "%" that is not an escape as sent', async () => {
      const secret = 'p@ss:word with 100%zz';
      await t.app
        .get(PartnerAuthService)
        .upsertClient({ id: 'p-special', name: 'Special' }, 'c-special', secret);
      const encoded = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic('c-special', encodeURIComponent(secret)) },
      });
      expect(encoded.status).toBe(200);
      const raw = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic('c-special', secret) },
      });
      expect(raw.status).toBe(200);
      await expectTokenWorks(t, raw.body.access_token);
    });

    it.each([
      ['an unsupported grant_type', { grant_type: 'password' }],
      ['no grant_type', {}],
      ['a grant_type of the wrong type', { grant_type: ['client_credentials'] }],
    ])('answers 400 with source.field grant_type for %s', async (_label, grant) => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        body: { ...grant, client_id: partner.clientId, client_secret: partner.secret },
      });
      const e = expectSolarisError(res, 400, 'bad_request');
      expect(e.source?.field).toBe('grant_type');
    });

    it('answers 400 with source.field grant_type for an unsupported grant in a form body', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=authorization_code',
        headers: { ...FORM, authorization: basic(partner.clientId, partner.secret) },
      });
      const e = expectSolarisError(res, 400, 'bad_request');
      expect(e.source?.field).toBe('grant_type');
    });
  });

  describe('bearer tokens on /v1/persons', () => {
    it('answers 401 in the error shape without a token', async () => {
      const res = await http(t.url, 'POST', '/v1/persons', { body: PersonFactory.body() });
      expectSolarisError(res, 401, 'unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const get = await http(t.url, 'GET', '/v1/persons/0123456789abcdef0123456789abcdefcper');
      expectSolarisError(get, 401, 'unauthorized');
    });

    it.each([
      ['a garbage token', { authorization: `Bearer ${'x'.repeat(43)}` }],
      ['a token that is too short', { authorization: 'Bearer abc' }],
      ['the Bearer keyword alone', { authorization: 'Bearer' }],
      ['Basic credentials', { authorization: 'Basic c2FuZGJveDpzZWNyZXQ=' }],
    ])('answers 401 in the error shape for %s', async (_label, headers) => {
      const res = await http(t.url, 'POST', '/v1/persons', { body: PersonFactory.body(), headers });
      expectSolarisError(res, 401, 'unauthorized');
    });

    it('writes nothing for an unauthenticated create', async () => {
      const count = async () =>
        (await t.app.get(DataSource).query<[{ n: number }]>('SELECT count(*)::int AS n FROM persons'))[0].n;
      const before = await count();
      await http(t.url, 'POST', '/v1/persons', {
        body: PersonFactory.body(),
        headers: { authorization: `Bearer ${'y'.repeat(43)}` },
      });
      expect(await count()).toBe(before);
    });

    it('stops accepting a token once it has expired', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: partner.clientId,
          client_secret: partner.secret,
        },
      });
      const token = res.body.access_token as string;
      await expectTokenWorks(t, token);
      clock.advance(3601);
      const after = await http(t.url, 'POST', '/v1/persons', { token, body: PersonFactory.body() });
      expectSolarisError(after, 401, 'unauthorized');
      // A fresh token for the same client works again.
      const fresh = await http(t.url, 'POST', '/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: partner.clientId,
          client_secret: partner.secret,
        },
      });
      await expectTokenWorks(t, fresh.body.access_token);
    });
  });

  describe('the sandbox partner client', () => {
    const sandboxCredentials = {
      grant_type: 'client_credentials',
      client_id: 'sandbox-partner',
      client_secret: 'sandbox-secret-change-me',
    };

    it('does not exist before provisionSandboxPartner runs', async () => {
      const res = await http(t.url, 'POST', '/oauth/token', { body: sandboxCredentials });
      expectSolarisError(res, 401, 'unauthorized');
    });

    it('works with the env defaults after provisionSandboxPartner, also when provisioned twice', async () => {
      expect(t.env.PARTNER_CLIENT_ID).toBe('sandbox-partner');
      expect(t.env.PARTNER_CLIENT_SECRET).toBe('sandbox-secret-change-me');
      await provisionSandboxPartner(t.app, t.env);
      await provisionSandboxPartner(t.app, t.env);
      const res = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { ...FORM, authorization: basic('sandbox-partner', 'sandbox-secret-change-me') },
      });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('Bearer');
      await expectTokenWorks(t, res.body.access_token);
    });
  });
});

describe('partner auth with a configured sandbox secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { PARTNER_CLIENT_ID: 'acme-sandbox', PARTNER_CLIENT_SECRET: 'acme-sandbox-secret-1' },
    });
    await provisionSandboxPartner(t.app, t.env);
  });
  afterAll(() => t.close());

  it('provisions the configured client and secret, not the defaults', async () => {
    const configured = await http(t.url, 'POST', '/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'acme-sandbox',
        client_secret: 'acme-sandbox-secret-1',
      },
    });
    expect(configured.status).toBe(200);
    await expectTokenWorks(t, configured.body.access_token);
    const defaults = await http(t.url, 'POST', '/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'sandbox-partner',
        client_secret: 'sandbox-secret-change-me',
      },
    });
    expectSolarisError(defaults, 401, 'unauthorized');
  });
});

describe('partner auth in production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: PRODUCTION_ENV });
  });
  afterAll(() => t.close());

  it('never provisions the sandbox client', async () => {
    expect(t.env.PARTNER_CLIENT_ID).toBeUndefined();
    await provisionSandboxPartner(t.app, t.env);
    const res = await http(t.url, 'POST', '/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'sandbox-partner',
        client_secret: 'sandbox-secret-change-me',
      },
    });
    expectSolarisError(res, 401, 'unauthorized');
  });

  it('issues tokens to created partner clients', async () => {
    const partner = await PartnerFactory.create(t);
    await expectTokenWorks(t, partner.token);
  });
});
