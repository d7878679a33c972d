import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  IdnowApiError,
  IdnowRateLimitedError,
  IdnowRequestError,
  IdnowUnavailableError,
} from '../errors/idnow-errors.js';
import { IdnowClient, type IdnowClientOptions } from './idnow-client.js';
import { parseRetryAfter } from './idnow-response.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), '../shared/fixtures/idnow', name), 'utf8');
const TOKEN = (JSON.parse(fixture('login.json')) as { authToken: string }).authToken;
const TXN = '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt';
const BASE = '/api/v1/kycdesk';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Reply {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Never answer, to exercise the client's timeout. */
  hang?: boolean;
}

// `METHOD /path?query` to the replies in order; the last one repeats.
let routes: Record<string, Reply[]> = {};
let requests: Recorded[] = [];
let server: Server;
let baseUrl: string;

const json = (status: number, body: string): Reply => ({ status, body });
const route = (key: string, ...replies: Reply[]) => (routes[key] = replies);
const client = (options: Partial<IdnowClientOptions> = {}) =>
  new IdnowClient({ baseUrl, companyId: 'kycdesk', apiKey: 'key-123', ...options });
const seen = () => requests.map((r) => `${r.method} ${r.url}`);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(rec);
      const queue = routes[`${rec.method} ${rec.url}`] ?? [
        json(404, '{"errors":[{"cause":"OBJECT_NOT_FOUND"}]}'),
      ];
      const reply = queue.length > 1 ? queue.shift()! : queue[0];
      if (reply.hang) return;
      const type = Buffer.isBuffer(reply.body) ? 'application/zip' : 'application/json';
      res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
  routes = {};
  route(`POST ${BASE}/login`, json(200, fixture('login.json')));
});

describe(IdnowClient.name, () => {
  describe('login', () => {
    it('posts the API key and returns the auth token', async () => {
      await expect(client().login()).resolves.toBe(TOKEN);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/login` });
      expect(requests[0].headers['content-type']).toBe('application/json');
      expect(JSON.parse(requests[0].body)).toEqual({ apiKey: 'key-123' });
    });

    it('logs in once for many calls, concurrent ones included', async () => {
      route(`GET ${BASE}`, json(200, fixture('account.json')));
      const idnow = client();
      await Promise.all([idnow.getAccount(), idnow.getAccount(), idnow.login()]);
      await idnow.getAccount();
      expect(seen().filter((r) => r.endsWith('/login'))).toHaveLength(1);
    });

    it('logs in again once when IDnow rejects the token, and retries with the new one', async () => {
      route(`POST ${BASE}/login`, json(200, fixture('login.json')), json(200, '{"authToken":"fresh-token"}'));
      route(
        `GET ${BASE}`,
        json(401, fixture('error-invalid-login-token.json')),
        json(200, fixture('account.json')),
      );
      await expect(client().getAccount()).resolves.toMatchObject({ shortcode: 'KDS' });
      expect(seen()).toEqual([`POST ${BASE}/login`, `GET ${BASE}`, `POST ${BASE}/login`, `GET ${BASE}`]);
      expect(requests[1].headers['x-api-login-token']).toBe(TOKEN);
      expect(requests[3].headers['x-api-login-token']).toBe('fresh-token');
    });

    it('gives up after one re-login', async () => {
      route(`GET ${BASE}/identifications/${TXN}`, json(401, fixture('error-invalid-login-token.json')));
      const error = await client()
        .getIdentification(TXN)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdnowApiError);
      expect(error).toMatchObject({ status: 401, cause: 'INVALID_LOGIN_TOKEN' });
      expect(seen().filter((r) => r.endsWith('/login'))).toHaveLength(2);
    });

    it('does not log in again on another 401 cause', async () => {
      route(
        `GET ${BASE}`,
        json(401, '{"errors":[{"cause":"SECURITY_VIOLATION","id":"1","key":null,"message":null}]}'),
      );
      await expect(client().getAccount()).rejects.toMatchObject({ status: 401, cause: 'SECURITY_VIOLATION' });
      expect(seen().filter((r) => r.endsWith('/login'))).toHaveLength(1);
    });

    it('fails a rejected login with the IDnow error and tries again on the next call', async () => {
      route(
        `POST ${BASE}/login`,
        json(401, fixture('error-invalid-login-token.json')),
        json(200, fixture('login.json')),
      );
      const idnow = client();
      await expect(idnow.login()).rejects.toBeInstanceOf(IdnowApiError);
      await expect(idnow.login()).resolves.toBe(TOKEN);
    });
  });

  describe('start', () => {
    const path = `POST ${BASE}/identifications/${TXN}/start`;
    const data = {
      firstname: 'JANE',
      lastname: 'DOE',
      birthday: '1992-12-11',
      gender: 'FEMALE' as const,
      email: 'jane.doe@example.com',
      custom1: 'person-1',
      preferredLang: 'de',
      title: null,
      street: undefined,
    };

    it('creates with the API key and the flat body, leaving out empty and unknown fields (201)', async () => {
      route(path, json(201, fixture('start-created.json')));
      const unknownField = { ...data, shoeSize: '42' } as typeof data;
      await expect(client().start(TXN, unknownField)).resolves.toEqual({ id: 'KDS-Q7RT2', created: true });
      expect(seen()).toEqual([path]);
      expect(requests[0].headers['x-api-key']).toBe('key-123');
      expect(requests[0].headers['x-api-login-token']).toBeUndefined();
      expect(requests[0].headers['content-type']).toBe('application/json');
      expect(JSON.parse(requests[0].body)).toEqual({
        firstname: 'JANE',
        lastname: 'DOE',
        birthday: '1992-12-11',
        gender: 'FEMALE',
        email: 'jane.doe@example.com',
        custom1: 'person-1',
        preferredLang: 'de',
      });
    });

    it('reports an update of an unfinished identification (200)', async () => {
      route(path, json(200, fixture('start-created.json')));
      await expect(client().start(TXN, data)).resolves.toEqual({ id: 'KDS-Q7RT2', created: false });
    });

    it('throws EXISTING_IDENTIFICATION when it is finished (409), without personal data in the message', async () => {
      route(path, json(409, fixture('error-existing-identification.json')));
      const error = await client()
        .start(TXN, data)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdnowApiError);
      expect(error).toMatchObject({ status: 409, cause: 'EXISTING_IDENTIFICATION', operation: 'start' });
      expect((error as Error).message).not.toMatch(/JANE|DOE|1992|jane\.doe/);
    });

    it.each(['../login', 'a b', '', 'tx/1', 'tx?x=1'])(
      'refuses the transaction number %p unsent',
      async (txn) => {
        await expect(client().start(txn, data)).rejects.toBeInstanceOf(IdnowRequestError);
        await expect(client().getIdentification(txn)).rejects.toBeInstanceOf(IdnowRequestError);
        await expect(client().downloadEvidence(txn)).rejects.toBeInstanceOf(IdnowRequestError);
        expect(requests).toHaveLength(0);
      },
    );

    it('does not follow redirects, so the API key stays with IDnow', async () => {
      route(path, { status: 302, headers: { location: 'http://127.0.0.1:1/steal' } });
      await expect(client().start(TXN, data)).rejects.toMatchObject({ status: 302 });
      expect(requests).toHaveLength(1);
    });
  });

  describe('reads', () => {
    it('returns the account with the estimated wait', async () => {
      route(`GET ${BASE}`, json(200, fixture('account.json')));
      await expect(client().getAccount()).resolves.toEqual({
        shortname: 'kycdesk',
        shortcode: 'KDS',
        name: 'KYC Desk Sandbox',
        estimatedWaitingTime: 45,
      });
      expect(requests[1].headers['x-api-login-token']).toBe(TOKEN);
      expect(requests[1].headers['x-api-key']).toBeUndefined();
    });

    it('returns one identification as IDnow sent it, with the login token', async () => {
      route(`GET ${BASE}/identifications/${TXN}`, json(200, fixture('result-success.json')));
      await expect(client().getIdentification(TXN)).resolves.toEqual(
        JSON.parse(fixture('result-success.json')),
      );
      expect(requests[1].headers['x-api-login-token']).toBe(TOKEN);
    });

    it('returns null for an unknown identification (404 OBJECT_NOT_FOUND)', async () => {
      await expect(client().getIdentification('unknown_txn')).resolves.toBeNull();
      expect(seen()[1]).toBe(`GET ${BASE}/identifications/unknown_txn`);
    });

    it.each([
      ['successful', ''],
      ['pending', '?pending=true'],
      ['aborted', '?aborted=true'],
      ['cancelled', '?cancelled=true'],
    ] as const)('lists %s identifications with %p', async (kind, query) => {
      route(`GET ${BASE}/identifications${query}`, json(200, fixture('list-pending.json')));
      const list = await client().listIdentifications(kind);
      expect(list).toEqual(JSON.parse(fixture('list-pending.json')).identifications);
      expect(seen()[1]).toBe(`GET ${BASE}/identifications${query}`);
      expect(requests[1].headers['x-api-login-token']).toBe(TOKEN);
    });

    it('downloads the evidence zip as bytes, or null when there is none', async () => {
      const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);
      route(`GET ${BASE}/identifications/${TXN}.zip`, { status: 200, body: zip });
      const idnow = client();
      await expect(idnow.downloadEvidence(TXN)).resolves.toEqual(zip);
      expect(requests[1].headers['x-api-login-token']).toBe(TOKEN);
      expect(requests[1].headers.accept).toBe('application/zip');
      await expect(idnow.downloadEvidence('other_txn')).resolves.toBeNull();
    });
  });

  describe('errors', () => {
    it('turns the IDnow error body into IdnowApiError with every error', async () => {
      route(`POST ${BASE}/identifications/${TXN}/start`, json(400, fixture('error-bad-request.json')));
      const error = await client()
        .start(TXN, { birthday: '11.12.1992', lastname: 'DOE' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdnowApiError);
      expect(error).toMatchObject({
        status: 400,
        cause: 'BAD_REQUEST',
        errors: [{ cause: 'BAD_REQUEST', id: '73464627', key: 'birthday', message: expect.any(String) }],
      });
      expect((error as Error).message).toContain('birthday');
      expect((error as Error).message).not.toMatch(/11\.12\.1992|DOE/);
    });

    it.each([
      [500, '{"errors":[{"cause":"INTERNAL_SERVER_ERROR","id":"9","key":null,"message":null}]}'],
      [502, '<html>Bad Gateway</html>'],
      [503, ''],
    ])('treats %i as unavailable', async (status, body) => {
      route(`GET ${BASE}`, { status, body });
      const error = await client()
        .getAccount()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdnowUnavailableError);
      expect(error).toMatchObject({ reason: 'server', status });
    });

    it('treats a refused connection as unavailable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const error = await client({ baseUrl: `http://127.0.0.1:${port}` })
        .login()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdnowUnavailableError);
      expect(error).toMatchObject({ reason: 'network', operation: 'login' });
    });

    it('times out a request IDnow never answers', async () => {
      route(`GET ${BASE}/identifications/${TXN}`, { status: 200, hang: true });
      const error = await client({ timeoutMs: 200 })
        .getIdentification(TXN)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdnowUnavailableError);
      expect(error).toMatchObject({ reason: 'timeout', operation: 'getIdentification' });
    });

    it('reports 429 with the Retry-After seconds, or null without one', async () => {
      route(`GET ${BASE}`, { status: 429, headers: { 'retry-after': '30' } }, { status: 429 });
      const idnow = client();
      const first = await idnow.getAccount().catch((e: unknown) => e);
      expect(first).toBeInstanceOf(IdnowRateLimitedError);
      expect(first).toMatchObject({ status: 429, retryAfterSeconds: 30 });
      await expect(idnow.getAccount()).rejects.toMatchObject({ retryAfterSeconds: null });
    });

    it('reads Retry-After as an HTTP date too', () => {
      const now = Date.parse('2026-03-02T09:00:00Z');
      expect(parseRetryAfter('Mon, 02 Mar 2026 09:01:30 GMT', now)).toBe(90);
      expect(parseRetryAfter('soon', now)).toBeNull();
    });
  });
});
