import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { http, PersonFactory, teeToTestLog } from '#kyc/testing';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The built api as a user runs it: `node dist/apps/api/src/main.js` on the embedded engine. */
const MAIN = join(process.cwd(), 'dist/apps/api/src/main.js');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Every api a test started: one left running by a failed test is killed, not left holding the port. */
const started = new Set<ChildProcess>();

function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  teeToTestLog(child, 'api');
  started.add(child);
  child.once('exit', () => started.delete(child));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Wait up to 20 s for `done`, else fail naming `what`, with the process's output. */
async function until(what: string, done: () => boolean, r: Running): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await sleep(20);
  if (!done()) throw new Error(`timed out waiting for ${what}: ${r.output()}`);
}

async function waitHealthy(url: string, r: Running): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (r.child.exitCode !== null) throw new Error(`exited early: ${r.output()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`not healthy: ${r.output()}`);
}

describe('the api process on the embedded engine', () => {
  let dataDir: string;
  let port: number;
  let url: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    dataDir = mkdtempSync(join(tmpdir(), 'kyc-proc-'));
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
  }, 180_000);
  afterEach(async () => {
    for (const child of started) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, prints its URL and the sandbox client id, keeps data across a SIGTERM restart, and locks its data dir', async () => {
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const first = start(env);
    await waitHealthy(url, first);
    expect(first.output()).toContain(`listening on ${url}`);
    expect(first.output()).toContain('Sandbox partner client id: sandbox-partner');
    expect(first.output()).toContain('Console admin: admin@kyc.local');

    const token = await http(url, 'POST', '/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'sandbox-partner',
        client_secret: 'sandbox-secret-change-me',
      },
    });
    expect(token.status).toBe(200);
    const created = await http(url, 'POST', '/v1/persons', {
      token: token.body.access_token,
      body: PersonFactory.body(),
    });
    expect(created.status).toBe(201);

    // A second process on the same data directory is refused instead of corrupting it.
    const intruder = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/is in use by process \d+/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = start(env);
    await waitHealthy(url, second);
    const token2 = await http(url, 'POST', '/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'sandbox-partner',
        client_secret: 'sandbox-secret-change-me',
      },
    });
    const again = await http(url, 'GET', `/v1/persons/${created.body.id}`, {
      token: token2.body.access_token,
    });
    expect(again.status).toBe(200);
    expect(again.body.last_name).toBe(created.body.last_name);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 120_000);

  /** The sandbox partner's token on the api at `base`. */
  const sandboxToken = async (base: string): Promise<string> =>
    (
      await http(base, 'POST', '/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: 'sandbox-partner',
          client_secret: 'sandbox-secret-change-me',
        },
      })
    ).body.access_token;

  describe('on SIGTERM, behind a load balancer', () => {
    // A webhook subscription's create waits for the receiver's answer to its verification ping: a request
    // held in flight for as long as the receiver delays.
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await new WebhookReceiver().start();
    });
    afterAll(() => receiver.stop());

    async function withRequestInFlight(graceMs: number, pingDelayMs: number) {
      receiver.respond = () => ({ status: 200, delayMs: pingDelayMs });
      const pings = receiver.requests.length;
      const api = start({
        DATA_DIR: dataDir,
        PORT: String(port),
        ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
        SHUTDOWN_GRACE_MS: String(graceMs),
      });
      await waitHealthy(url, api);
      const token = await sandboxToken(url);
      const inFlight = http(url, 'POST', '/v1/webhooks', {
        token,
        body: { event_type: 'IDENTIFICATION', url: `${receiver.url}/drain-${graceMs}` },
      }).then(
        (r) => r.status,
        (e: Error) => `failed: ${e.message}`,
      );
      await until('the verification ping', () => receiver.requests.length > pings, api);
      api.child.kill('SIGTERM');
      await until('the drain to start', () => api.output().includes('draining requests in flight'), api);
      return { api, inFlight };
    }

    it('answers the request in flight, refuses new connections meanwhile, then exits 0', async () => {
      const { api, inFlight } = await withRequestInFlight(20_000, 2_000);
      // The balancer's next connection is refused at once: it routes to another api.
      await expect(fetch(`${url}/health`)).rejects.toThrow();
      expect(await inFlight).toBe(201);
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('"inFlight":1,"msg":"shutting down: draining requests in flight"');
      expect(api.output()).toContain('"msg":"drained"');

      // The subscription it answered exists.
      const again = start({ DATA_DIR: dataDir, PORT: String(port) });
      try {
        await waitHealthy(url, again);
        const list = await http(url, 'GET', '/v1/webhooks', { token: await sandboxToken(url) });
        expect(list.body.map((w: { url: string }) => w.url)).toContain(`${receiver.url}/drain-20000`);
      } finally {
        again.child.kill('SIGTERM');
        expect(await again.exited).toBe(0);
      }
    }, 120_000);

    it('cuts a request still running when SHUTDOWN_GRACE_MS is over, says so, and exits 0', async () => {
      const { api, inFlight } = await withRequestInFlight(500, 5_000);
      expect(await inFlight).toMatch(/^failed: /);
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('"inFlight":1,"msg":"grace period over: cutting requests in flight"');
    }, 120_000);
  });

  it('refuses a wrong setting with one line naming it', async () => {
    const bad = start({ DATA_DIR: dataDir, PORT: 'abc' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toBe('Invalid setting PORT: must be an integer number');
    const prod = start({
      DATA_DIR: dataDir,
      APP_ENV: 'production',
      PARTNER_CLIENT_SECRET: 'some-long-secret',
    });
    expect(await prod.exited).toBe(1);
    expect(prod.output().trim().split('\n')).toHaveLength(1);
    expect(prod.output()).toContain('PARTNER_CLIENT_SECRET');
  }, 60_000);

  it('in production mode has no default client; the CLI migrates, creates one whose secret works once printed, and rebuilds the analytics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-prod-'));
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dir,
        APP_ENV: 'production',
        IDNOW_BASE_URL: 'http://127.0.0.1:9',
        IDNOW_API_KEY: 'not-used-here',
        WEBHOOK_SECRET_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
        DOCUMENT_STORAGE: 'fs',
      };
      const cli = join(process.cwd(), 'dist/apps/api/src/cli.js');
      const migrate = spawnSync(process.execPath, [cli, 'migrate'], { env, encoding: 'utf8' });
      expect(migrate.status).toBe(0);
      expect(migrate.stdout).toMatch(/Applied: CreatePartnersAndPersons/);
      const created = spawnSync(
        process.execPath,
        [cli, 'partner:create', '--name', 'Acme Bank', '--client-id', 'acme-backend'],
        { env, encoding: 'utf8' },
      );
      expect(created.status).toBe(0);
      const secret = /Client secret: (\S+)/.exec(created.stdout)?.[1];
      expect(created.stdout).toContain('Client id: acme-backend');
      expect(secret).toBeDefined();
      const rebuilt = spawnSync(process.execPath, [cli, 'analytics:rebuild'], { env, encoding: 'utf8' });
      expect([rebuilt.status, rebuilt.stdout]).toEqual([
        0,
        expect.stringMatching(/^Analytics rollup rebuilt: 0 rows in \d+ ms\.\n$/),
      ]);

      const port = await freePort();
      const api = start({ ...env, PORT: String(port) });
      const base = `http://127.0.0.1:${port}`;
      try {
        await waitHealthy(base, api);
        expect(api.output()).not.toContain('Sandbox partner client id');
        // Production has no default console admin either.
        expect(api.output()).not.toContain('Console admin');
        const admin = await http(base, 'POST', '/admin/auth/login', {
          body: { email: 'admin@kyc.local', password: 'Kyc-Sandbox-2026!' },
        });
        expect(admin.status).toBe(401);
        const sandbox = await http(base, 'POST', '/oauth/token', {
          body: {
            grant_type: 'client_credentials',
            client_id: 'sandbox-partner',
            client_secret: 'sandbox-secret-change-me',
          },
        });
        expect(sandbox.status).toBe(401);
        const token = await http(base, 'POST', '/oauth/token', {
          body: { grant_type: 'client_credentials', client_id: 'acme-backend', client_secret: secret },
        });
        expect(token.status).toBe(200);
        // The sandbox is not mounted in production.
        expect((await fetch(`${base}/sandbox/idnow/api/v1/kycdesk/login`, { method: 'POST' })).status).toBe(
          404,
        );
      } finally {
        api.child.kill('SIGTERM');
        expect(await api.exited).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
