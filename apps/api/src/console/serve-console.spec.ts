import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveConsole } from './serve-console.js';

const INDEX =
  '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>';

describe(serveConsole.name, () => {
  let dir: string;
  let app: FastifyInstance;
  let base: string;

  const build = (root: string) => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(join(root, '.vite'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(root, '.vite', 'manifest.json'), '{}');
  };
  const start = async (root: string) => {
    app = Fastify();
    serveConsole(app, root);
    app.get('/v1/thing', () => ({ ok: true }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  };
  /** A request as a browser (text/html) or an API client would send it: status, headers, body. */
  const get = async (
    url: string,
    accept = 'text/html,application/xhtml+xml,*/*;q=0.8',
    method = 'GET',
    encoding = 'identity',
  ) => {
    const res = await fetch(base + url, { method, headers: { accept, 'accept-encoding': encoding } });
    const body = await res.text();
    return { statusCode: res.status, header: (name: string) => res.headers.get(name), body };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html to a browser opening / or any console route, revalidated and under a strict CSP', async () => {
    build(dir);
    await start(dir);
    for (const url of ['/', '/users', '/webhook-deliveries/42/show?x=1', '/index.html']) {
      const res = await get(url);
      expect([url, res.statusCode, res.body]).toEqual([url, 200, INDEX]);
      expect(res.header('content-type')).toMatch(/^text\/html/);
      expect(res.header('cache-control')).toBe('no-cache');
      expect(res.header('content-security-policy')).toContain("default-src 'self'");
      expect(res.header('content-security-policy')).toContain("connect-src 'self'");
    }
  });

  it('serves hashed assets cached for a year, other files for an hour, never the .vite manifest', async () => {
    build(dir);
    await start(dir);
    const asset = await get('/assets/index-abc123.js', '*/*');
    expect(asset.statusCode).toBe(200);
    expect(asset.header('content-type')).toMatch(/javascript/);
    expect(asset.header('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await get('/favicon.svg', '*/*');
    expect([icon.statusCode, icon.header('cache-control')]).toEqual([200, 'public, max-age=3600']);
    expect((await get('/.vite/manifest.json', '*/*')).statusCode).toBe(404);
    expect((await get('/assets/missing.js', '*/*')).statusCode).toBe(404);
  });

  it('sends the gzip copy of a file to clients that accept gzip, with the type of the original', async () => {
    build(dir);
    writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync('console.log(1);'));
    await start(dir);
    const zipped = await get('/assets/index-abc123.js', '*/*', 'GET', 'gzip, deflate, br');
    expect(zipped.statusCode).toBe(200);
    expect(zipped.header('content-encoding')).toBe('gzip');
    expect(zipped.header('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(zipped.header('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(zipped.header('vary')).toMatch(/accept-encoding/);
    expect(zipped.body).toBe('console.log(1);'); // fetch decodes it
    const plain = await get('/assets/index-abc123.js', '*/*');
    expect([plain.header('content-encoding'), plain.body]).toEqual([null, 'console.log(1);']);
  });

  it('leaves routes, api prefixes, non-GET calls and non-browser clients to the api', async () => {
    build(dir);
    await start(dir);
    expect(JSON.parse((await get('/v1/thing')).body)).toEqual({ ok: true });
    for (const url of [
      '/v1/unknown',
      '/admin/nope',
      '/admin',
      '/oauth/x',
      '/providers/x',
      '/sandbox/x',
      '/docs/x',
      '/health/x',
    ]) {
      const res = await get(url);
      expect([url, res.statusCode, res.body.includes('id="root"')]).toEqual([url, 404, false]);
    }
    expect((await get('/', '*/*')).statusCode).toBe(404);
    expect((await get('/', 'application/json')).statusCode).toBe(404);
    expect((await get('/', 'text/html', 'POST')).statusCode).toBe(404);
  });

  it('without a build, starts and tells a browser how to build the console (503); api clients still get 404', async () => {
    await start(join(dir, 'missing'));
    const res = await get('/');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:console');
    expect((await get('/', '*/*')).statusCode).toBe(404);
    expect((await get('/v1/thing')).statusCode).toBe(200);
  });

  it('ends a download the client cancels without routing the request on to the 404 handler', async () => {
    build(dir);
    // Large enough that the socket's buffers fill and the file is still streaming when the client leaves.
    writeFileSync(join(dir, 'assets', 'big-abc123.js'), Buffer.alloc(32 * 1024 * 1024, 0x20));
    app = Fastify();
    const notFound: string[] = [];
    app.setNotFoundHandler((req, reply) => {
      notFound.push(req.url);
      return reply.code(404).send({ not: 'found' });
    });
    serveConsole(app, dir);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(base);
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write('GET /assets/big-abc123.js HTTP/1.1\r\nHost: x\r\n\r\n'),
        );
        socket.once('data', () => socket.destroy());
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(notFound).toEqual([]);
    expect((await get('/assets/index-abc123.js', '*/*')).body).toBe('console.log(1);');
  });

  it('picks up a rebuild while running', async () => {
    await start(dir);
    expect((await get('/')).statusCode).toBe(503);
    build(dir);
    expect((await get('/')).statusCode).toBe(200);
    writeFileSync(join(dir, 'assets', 'index-def456.js'), 'console.log(2);');
    writeFileSync(join(dir, 'index.html'), INDEX.replace('abc123', 'def456'));
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'index.html'), later, later);
    expect((await get('/assets/index-def456.js', '*/*')).body).toBe('console.log(2);');
  });
});
