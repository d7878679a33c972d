import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import send from '@fastify/send';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answeredInHook } from '#kyc/common';

/** Paths the api owns: an unknown path under them keeps its Solaris-shaped 404/405, never the console. */
const API_PREFIXES = ['/v1', '/oauth', '/admin', '/providers', '/sandbox', '/docs', '/health'];

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The console's pages call only this origin; styles are inline (Material UI's emotion), the MFA QR code is a
 * data: image. The browser itself then refuses any request elsewhere.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  // The document viewer shows a fetched PDF in a frame from a blob: URL; nothing else may be framed.
  'frame-src blob:',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/console under the repository (or image) root: the nearest folder above this file with a package.json. */
export function defaultConsoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'console');
}

const isApiPath = (path: string) => API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

/** Only an explicit text/html (a browser navigating), not `*\/*`: API clients keep their JSON 404. */
const acceptsHtml = (req: FastifyRequest) => /\btext\/html\b/i.test(String(req.headers.accept ?? ''));

/**
 * Every file of the build, by URL path (the manifest folder .vite is not served), read again whenever
 * index.html changes, so a rebuild while the api runs is picked up.
 */
class ConsoleFiles {
  private files = new Set<string>();
  private stamp = -1;

  constructor(private readonly root: string) {}

  /** Whether the console is built; refreshes the list when the build changed. */
  built(): boolean {
    let mtime: number;
    try {
      mtime = statSync(join(this.root, 'index.html')).mtimeMs;
    } catch {
      this.stamp = -1;
      this.files.clear();
      return false;
    }
    if (mtime !== this.stamp) {
      this.files = listFiles(this.root);
      this.stamp = mtime;
    }
    return true;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }
}

function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.add(`/${relative(root, full).split(sep).join('/')}`);
    }
  };
  walk(root);
  return files;
}

const acceptsGzip = (req: FastifyRequest) => /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));

function contentTypeOf(path: string): string {
  const type = send.mime.getType(path) ?? 'application/octet-stream';
  return send.isUtf8MimeType(type) ? `${type}; charset=utf-8` : type;
}

function pathOf(req: FastifyRequest): string | undefined {
  try {
    return decodeURIComponent(req.url.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
}

const consoleHeaders = (reply: FastifyReply) =>
  reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');

/**
 * Serve the built console (`npm run build:console`) at `/`: its files as they are (hashed assets cached for a
 * year), and index.html for any other GET a browser navigates to outside the api's own prefixes, so the
 * console's client-side routes survive a reload. Nothing is added to the route table: only requests no route
 * matched reach this, so every api route, and the 404/405 of unknown api paths, are unchanged. Without a
 * build the api still starts, and a browser opening the console gets a 503 page that says how to build it.
 */
export function serveConsole(fastify: FastifyInstance, root = defaultConsoleDir()): void {
  const files = new ConsoleFiles(root);
  if (!files.built()) fastify.log.warn({ root }, 'console not built (npm run build:console): / answers 503');

  // @fastify/send (what @fastify/static uses underneath): ETag, Last-Modified, 304 and ranges. The build
  // writes a gzip copy next to each asset (vite.config.ts); it is sent to clients that accept it.
  const sendFile = async (req: FastifyRequest, reply: FastifyReply, path: string, opts: send.SendOptions) => {
    const gzip = acceptsGzip(req) && files.has(`${path}.gz`);
    const { statusCode, headers, stream } = await send(req.raw, encodeURI(gzip ? `${path}.gz` : path), {
      root,
      dotfiles: 'deny',
      ...opts,
      ...(gzip ? { acceptRanges: false } : {}),
    });
    if (gzip && statusCode === 200) {
      headers['Content-Type'] = contentTypeOf(path);
      headers['Content-Encoding'] = 'gzip';
    }
    return answeredInHook(
      reply.code(statusCode).headers(headers).header('vary', 'accept, accept-encoding').send(stream),
    );
  };

  fastify.addHook('onRequest', async (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.routeOptions.url !== undefined) return;
    const path = pathOf(req);
    if (path === undefined || isApiPath(path)) return;
    const built = files.built();
    if (built && files.has(path) && path !== '/index.html') {
      const hashed = path.startsWith('/assets/');
      return sendFile(req, reply, path, { maxAge: (hashed ? YEAR_SECONDS : 3600) * 1000, immutable: hashed });
    }
    if (!acceptsHtml(req)) return;
    if (!built) {
      return answeredInHook(
        consoleHeaders(reply)
          .code(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(NOT_BUILT),
      );
    }
    // The page names the current hashed assets, so it is revalidated on every load.
    return sendFile(req, consoleHeaders(reply).header('cache-control', 'no-cache'), '/index.html', {
      cacheControl: false,
    });
  });
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>KYC back-office: console not built</title></head>
<body><h1>The console is not built</h1>
<p>The api is running, but <code>dist/console</code> is missing. Build the console with
<code>npm run build:console</code> (or <code>npm run build</code>) and reload this page, or run
<code>npm run dev</code> for the development server.</p>
<p>API docs: <a href="/docs">/docs</a></p></body></html>`;
