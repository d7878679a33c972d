import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadEnv } from '#kyc/common';
import {
  http,
  type HttpResult,
  PartnerFactory,
  PersonFactory,
  StaffFactory,
  type TestPartner,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const PARTNER_ORIGIN = 'https://partner.example';
const FOREIGN_ORIGIN = 'https://evil.example';

/** What every answer of the app carries, whatever its route or status. */
function expectBaseHeaders(res: HttpResult, what: string): void {
  const h = (name: string) => [what, name, res.headers.get(name)];
  expect(h('x-content-type-options')).toEqual([what, 'x-content-type-options', 'nosniff']);
  expect(h('x-frame-options')).toEqual([what, 'x-frame-options', 'DENY']);
  expect(h('referrer-policy')).toEqual([what, 'referrer-policy', 'no-referrer']);
  expect(h('cross-origin-opener-policy')).toEqual([what, 'cross-origin-opener-policy', 'same-origin']);
  expect(h('cross-origin-resource-policy')).toEqual([what, 'cross-origin-resource-policy', 'same-origin']);
  expect(h('x-dns-prefetch-control')).toEqual([what, 'x-dns-prefetch-control', 'off']);
  expect(h('x-permitted-cross-domain-policies')).toEqual([what, 'x-permitted-cross-domain-policies', 'none']);
  expect(h('origin-agent-cluster')).toEqual([what, 'origin-agent-cluster', '?1']);
  expect(res.headers.get('permissions-policy')).toContain('camera=()');
  expect(res.headers.get('permissions-policy')).toContain('microphone=()');
  expect([what, res.headers.get('x-powered-by'), res.headers.get('server')]).toEqual([what, null, null]);
}

/** An API answer: it renders nothing, may be framed nowhere and is never stored. */
function expectApiHeaders(res: HttpResult, what: string): void {
  expectBaseHeaders(res, what);
  expect([what, res.headers.get('content-security-policy')]).toEqual([what, API_CSP]);
  expect([what, res.headers.get('cache-control')]).toEqual([what, 'no-store']);
}

const corsHeaders = (res: HttpResult) =>
  [...res.headers.keys()].filter((k) => k.startsWith('access-control-')).sort();

const preflight = (t: TestApp, path: string, origin: string) =>
  http(t.url, 'OPTIONS', path, {
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, idempotency-key',
    },
  });

describe('security headers and CORS, closed by default', () => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' } });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t?.close());

  it('sends them on partner API answers, with no-store and no HSTS over plain http', async () => {
    const created = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      body: PersonFactory.body(),
    });
    expect(created.status).toBe(201);
    expectApiHeaders(created, 'POST /v1/persons');
    const read = await http(t.url, 'GET', `/v1/persons/${created.body.id}`, { token: partner.token });
    expect(read.status).toBe(200);
    expectApiHeaders(read, 'GET /v1/persons/:id');
    expect(read.headers.get('strict-transport-security')).toBeNull();
    const token = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    expect(token.status).toBe(200);
    expectApiHeaders(token, 'POST /oauth/token');
  });

  it('sends them on admin answers and on errors (401, 404, 405) in the Solaris shape', async () => {
    const admin = await StaffFactory.session(t, 'admin');
    const users = await http(t.url, 'GET', '/admin/users', { headers: admin.headers });
    expect(users.status).toBe(200);
    expectApiHeaders(users, 'GET /admin/users');
    for (const [method, path, status] of [
      ['GET', '/v1/persons/does-not-matter', 401],
      ['GET', '/admin/users', 401],
      ['GET', '/v1/nothing-here', 404],
      ['DELETE', '/oauth/token', 405],
    ] as const) {
      const res = await http(t.url, method, path, { headers: { accept: 'application/json' } });
      expect([method, path, res.status, res.body?.errors?.[0]?.status]).toEqual([
        method,
        path,
        status,
        status,
      ]);
      expectApiHeaders(res, `${method} ${path}`);
    }
  });

  it('serves the console page and its assets under the console CSP, the page never cached', async () => {
    expect(existsSync(join(process.cwd(), 'dist/console/index.html'))).toBe(true); // npm run build:console
    const page = await http(t.url, 'GET', '/identifications', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expectBaseHeaders(page, 'console index.html');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    // The build has no inline script (it would be refused): every script is a file of this origin.
    expect(page.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.body).not.toMatch(/https?:\/\//);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1] ?? 'no script in index.html';
    const js = await http(t.url, 'GET', asset, { headers: { accept: '*/*' } });
    expect([asset, js.status]).toEqual([asset, 200]);
    expectBaseHeaders(js, asset);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('gives /docs its own policy and keeps the API policy on /docs-json and /health', async () => {
    const docs = await http(t.url, 'GET', '/docs');
    expectBaseHeaders(docs, '/docs');
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(docs.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expectApiHeaders(await http(t.url, 'GET', '/docs-json'), '/docs-json');
    expectApiHeaders(await http(t.url, 'GET', '/health'), '/health');
  });

  it('answers no other origin: no Access-Control-Allow-* headers, and a preflight is refused with 403', async () => {
    const read = await http(t.url, 'GET', '/v1/persons/x', {
      token: partner.token,
      headers: { origin: FOREIGN_ORIGIN },
    });
    expect(corsHeaders(read)).toEqual([]);
    for (const path of ['/v1/persons', '/oauth/token', '/admin/users', '/']) {
      const res = await preflight(t, path, FOREIGN_ORIGIN);
      expect([path, res.status, corsHeaders(res)]).toEqual([path, 403, []]);
      expect(res.body.errors[0]).toMatchObject({ status: 403, code: 'forbidden' });
      expectApiHeaders(res, `OPTIONS ${path}`);
    }
  });

  it('refuses a malformed CORS_ALLOWED_ORIGINS at start-up', () => {
    for (const bad of [
      '*',
      'https://app.example/path',
      'app.example',
      'https://a.example,,https://b.example',
    ]) {
      expect(() => loadEnv({ CORS_ALLOWED_ORIGINS: bad })).toThrow(ConfigError);
    }
    expect(() => loadEnv({ HSTS_MAX_AGE_SECONDS: '-1' })).toThrow(/HSTS_MAX_AGE_SECONDS/);
    expect(loadEnv({ CORS_ALLOWED_ORIGINS: 'https://a.example, http://localhost:8080' })).toBeDefined();
  });
});

describe('CORS open to configured origins, HSTS behind https', () => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SANDBOX_TICK_MS: '0',
        WEBHOOK_TICK_MS: '0',
        CORS_ALLOWED_ORIGINS: `${PARTNER_ORIGIN}, http://localhost:8080`,
        PUBLIC_URL: 'https://kyc.example.test',
        HSTS_MAX_AGE_SECONDS: '86400',
      },
    });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t?.close());

  it('answers a configured origin’s preflight on the partner API with 204 and what the API needs', async () => {
    for (const path of ['/v1/persons', '/v1/persons/abc/identifications', '/oauth/token']) {
      const res = await preflight(t, path, PARTNER_ORIGIN);
      expect([path, res.status]).toEqual([path, 204]);
      expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE');
      expect(res.headers.get('access-control-allow-headers')).toBe(
        'Authorization, Content-Type, Idempotency-Key, X-Request-Id',
      );
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    }
    const other = await preflight(t, '/v1/persons', 'http://localhost:8080');
    expect(other.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
  });

  it('refuses the preflight of any other origin, and of a configured one outside the partner API', async () => {
    for (const [origin, path] of [
      [FOREIGN_ORIGIN, '/v1/persons'],
      [`${PARTNER_ORIGIN}:8443`, '/v1/persons'],
      ['null', '/oauth/token'],
      [PARTNER_ORIGIN, '/admin/users'],
      [PARTNER_ORIGIN, '/sandbox/idnow/admin/x'],
    ]) {
      const res = await preflight(t, path, origin);
      expect([origin, path, res.status, corsHeaders(res)]).toEqual([origin, path, 403, []]);
    }
  });

  it('lets the configured origin read answers and errors, with the headers it needs exposed', async () => {
    const created = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      body: PersonFactory.body(),
      headers: { origin: PARTNER_ORIGIN },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    const exposed = created.headers.get('access-control-expose-headers') ?? '';
    for (const name of [
      'X-Request-Id',
      'Retry-After',
      'Idempotent-Replayed',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ]) {
      expect(exposed.split(', ')).toContain(name);
    }
    const denied = await http(t.url, 'GET', '/v1/persons/x', { headers: { origin: PARTNER_ORIGIN } });
    expect([denied.status, denied.headers.get('access-control-allow-origin')]).toEqual([401, PARTNER_ORIGIN]);
    expectApiHeaders(denied, '401 to a configured origin');
  });

  it('gives other origins and the admin API nothing, and marks partner answers as varying by Origin', async () => {
    const foreign = await http(t.url, 'GET', '/v1/persons/x', {
      token: partner.token,
      headers: { origin: FOREIGN_ORIGIN },
    });
    expect(corsHeaders(foreign)).toEqual([]);
    expect(foreign.headers.get('vary')).toMatch(/\bOrigin\b/);
    const admin = await http(t.url, 'GET', '/admin/users', { headers: { origin: PARTNER_ORIGIN } });
    expect([admin.status, corsHeaders(admin)]).toEqual([401, []]);
  });

  it('sends Strict-Transport-Security with the configured max-age on every answer', async () => {
    const api = await http(t.url, 'GET', '/health');
    const page = await http(t.url, 'GET', '/', { headers: { accept: 'text/html' } });
    const error = await http(t.url, 'GET', '/v1/nothing-here');
    for (const res of [api, page, error]) {
      expect(res.headers.get('strict-transport-security')).toBe('max-age=86400');
    }
  });
});
