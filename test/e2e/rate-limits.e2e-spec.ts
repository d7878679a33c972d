import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { PartnerAuthService } from '#kyc/auth';
import { createLogger, loadEnv } from '#kyc/common';
import {
  FakeClock,
  http,
  type HttpResult,
  PartnerFactory,
  PersonFactory,
  type TestPartner,
  testLogFile,
} from '#kyc/testing';
import { createApp } from '../../apps/api/src/create-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Small limits, so a test reaches them; a pool small enough for two apps on one embedded engine. */
const LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_READ_PER_WINDOW: '5',
  RATE_LIMIT_WRITE_PER_WINDOW: '3',
  RATE_LIMIT_TOKEN_PER_WINDOW: '4',
  RATE_LIMIT_TOKEN_IP_PER_WINDOW: '12',
  RATE_LIMIT_CALLBACK_PER_WINDOW: '3',
  DB_POOL_SIZE: '4',
};

/** Ten seconds into a window: every window here has 50 s to go when a test starts in it. */
const clock = new FakeClock('2026-11-27T12:00:10.000Z');
const nextWindow = () => {
  const now = clock.now().getTime();
  clock.set(new Date(Math.floor(now / 60_000) * 60_000 + 70_000));
};

let t: TestApp;
let second: NestFastifyApplication;
let secondUrl: string;
const ds = () => t.app.get(DataSource);

beforeAll(async () => {
  t = await startTestApp({ env: LIMITS, clock });
  // A second api process on the same database: same settings, same (fake) time.
  const env = loadEnv({
    APP_ENV: 'sandbox',
    DATA_DIR: t.db.dataDir,
    JOB_SCHEDULES_ENABLED: 'false',
    ...LIMITS,
  });
  // Nest's Logger goes to the last app's logger: this one writes to the run's log file too.
  const log = createLogger('info', pino.destination({ dest: testLogFile(), sync: true, mkdir: true }));
  second = await createApp(env, t.db.url, log, clock);
  await second.listen({ port: 0, host: '127.0.0.1' });
  const address = second.getHttpAdapter().getInstance().server.address();
  secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 240_000);

afterAll(async () => {
  await second?.close();
  await t?.close();
});

const list = (base: string, p: TestPartner) => http(base, 'GET', '/v1/webhooks', { token: p.token });

function expectLimited(res: HttpResult, limit: number, retryAfter: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0]).toMatchObject({
    status: 429,
    code: 'too_many_requests',
    title: 'Too Many Requests',
  });
  expect(res.body.errors[0].detail).toContain(`at most ${limit} requests per 60 s`);
  expect(res.headers.get('retry-after')).toBe(String(retryAfter));
  expect(res.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
  expect(res.headers.get('ratelimit-reset')).toBe(String(retryAfter));
}

/** A client whose credentials were never used at the token endpoint. */
async function newClient(): Promise<{ clientId: string; secret: string }> {
  const clientId = `c-rl-${Math.random().toString(36).slice(2, 10)}`;
  const secret = PartnerAuthService.newSecret();
  await t.app.get(PartnerAuthService).upsertClient({ id: `p-${clientId}`, name: 'Rate' }, clientId, secret);
  return { clientId, secret };
}

const token = (c: { clientId: string; secret: string }, secret = c.secret) =>
  http(t.url, 'POST', '/oauth/token', {
    body: { grant_type: 'client_credentials', client_id: c.clientId, client_secret: secret },
  });

describe('rate limits', () => {
  it('answers 429 in the Solaris shape with Retry-After after the read limit; another client is unaffected', async () => {
    nextWindow();
    const [a, b] = [await PartnerFactory.create(t), await PartnerFactory.create(t)];
    for (let i = 0; i < 5; i++) {
      const res = await list(t.url, a);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(4 - i));
      expect(res.headers.get('ratelimit-reset')).toBe('50');
    }
    expectLimited(await list(t.url, a), 5, 50);

    const other = await list(t.url, b);
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('4');
    // Writes are their own class: the exhausted reads do not stop them.
    const created = await http(t.url, 'POST', '/v1/persons', { token: a.token, body: PersonFactory.body() });
    expect(created.status).toBe(201);
    expect(created.headers.get('ratelimit-remaining')).toBe('2');
  });

  it('writes nothing for a request over the write limit', async () => {
    nextWindow();
    const p = await PartnerFactory.create(t);
    for (let i = 0; i < 3; i++) {
      const res = await http(t.url, 'POST', '/v1/persons', { token: p.token, body: PersonFactory.body() });
      expect(res.status).toBe(201);
    }
    const refused = await http(t.url, 'POST', '/v1/persons', { token: p.token, body: PersonFactory.body() });
    expectLimited(refused, 3, 50);
    const [{ n }] = await ds().query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM persons WHERE partner_id = $1',
      [p.partnerId],
    );
    expect(n).toBe(3);
  });

  it('does not count a request whose bearer token is refused', async () => {
    nextWindow();
    const p = await PartnerFactory.create(t);
    for (let i = 0; i < 7; i++) {
      expect((await http(t.url, 'GET', '/v1/webhooks', { token: 'x'.repeat(40) })).status).toBe(401);
    }
    expect((await list(t.url, p)).headers.get('ratelimit-remaining')).toBe('4');
  });

  it('is shared by two api processes on one database', async () => {
    nextWindow();
    const p = await PartnerFactory.create(t);
    for (const base of [t.url, secondUrl, t.url, secondUrl, secondUrl]) {
      expect((await list(base, p)).status).toBe(200);
    }
    expectLimited(await list(t.url, p), 5, 50);
    expectLimited(await list(secondUrl, p), 5, 50);
  });

  it('starts again in the next window, as Retry-After said', async () => {
    nextWindow();
    const p = await PartnerFactory.create(t);
    for (let i = 0; i < 5; i++) await list(t.url, p);
    clock.advance(30_000);
    const limited = await list(t.url, p);
    expectLimited(limited, 5, 20);
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    const again = await list(t.url, p);
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit-remaining')).toBe('4');
    expect(again.headers.get('ratelimit-reset')).toBe('60');
  });

  it('limits /oauth/token per client id, wrong secrets included, and per source IP', async () => {
    nextWindow();
    const c = await newClient();
    expect((await token(c, 'wrong-secret-000000')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await token(c)).status).toBe(200);
    expectLimited(await token(c), 4, 50);
    // Another client id from the same address still gets tokens, until the address's own limit.
    const d = await newClient();
    const basic = `Basic ${Buffer.from(`${d.clientId}:${d.secret}`).toString('base64')}`;
    for (let i = 0; i < 4; i++) {
      const res = await http(t.url, 'POST', '/oauth/token', {
        raw: 'grant_type=client_credentials',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(200);
    }
    // 9 requests from this address so far; e's first three reach its limit of 12, the fourth is over it.
    const e = await newClient();
    for (let i = 0; i < 3; i++) expect((await token(e)).status).toBe(200);
    expectLimited(await token(e), 12, 50);
  });

  it('limits the IDnow callbacks per source IP', async () => {
    nextWindow();
    for (let i = 0; i < 3; i++) {
      const res = await http(t.url, 'POST', '/providers/idnow/callback', { body: { nothing: true } });
      expect(res.status).toBe(400);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    expectLimited(await http(t.url, 'POST', '/providers/idnow/callback', { body: {} }), 3, 50);
  });

  it('leaves the admin routes and the health check alone', async () => {
    const res = await http(t.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();
    expect((await http(t.url, 'GET', '/admin/auth/me')).headers.get('ratelimit-limit')).toBeNull();
  });

  it('purges the counters of old windows', async () => {
    nextWindow();
    const p = await PartnerFactory.create(t);
    await list(t.url, p);
    clock.advance(180_000);
    await list(t.url, p); // a new window: this process purges once, in the background
    const before = new Date(Math.floor(clock.now().getTime() / 60_000) * 60_000 - 60_000);
    let old = -1;
    for (let i = 0; i < 50 && old !== 0; i++) {
      [{ n: old }] = await ds().query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM rate_limit_buckets WHERE window_start < $1',
        [before],
      );
      if (old) await new Promise((r) => setTimeout(r, 100));
    }
    expect(old).toBe(0);
  });

  it('lets requests through, with a warning, when the counters cannot be reached', async () => {
    nextWindow();
    const p = await PartnerFactory.create(t);
    await ds().query('ALTER TABLE rate_limit_buckets RENAME TO rate_limit_buckets_away');
    try {
      for (let i = 0; i < 7; i++) {
        const res = await list(t.url, p);
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit-limit')).toBeNull();
      }
    } finally {
      await ds().query('ALTER TABLE rate_limit_buckets_away RENAME TO rate_limit_buckets');
    }
    expect(readFileSync(testLogFile(), 'utf8')).toContain(
      'rate-limit counters unavailable, request let through (QueryFailedError, SQLSTATE 42P01)',
    );
    expect((await list(t.url, p)).headers.get('ratelimit-remaining')).toBe('4');
  });
});
