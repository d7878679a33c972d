import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors/domain-errors.js';
import { answeredInHook } from './answered-in-hook.js';

/** The partner API: the only paths a configured foreign origin may call (the console and /admin stay same-origin). */
const CORS_PREFIXES = ['/v1', '/oauth'];

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSE_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'Idempotent-Replayed',
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Location',
  'Content-Disposition',
].join(', ');
/** Browsers cap this (Chromium at 2 h); 10 minutes lets a changed setting take effect soon. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** CORS_ALLOWED_ORIGINS: comma-separated exact origins (scheme, host, port), compared case-insensitively. */
export function parseAllowedOrigins(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .filter(Boolean);
}

const partnerPath = (req: FastifyRequest) => {
  const path = req.url.split('?')[0] ?? '/';
  return CORS_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
};

const isPreflight = (req: FastifyRequest) =>
  req.method === 'OPTIONS' &&
  req.headers.origin !== undefined &&
  req.headers['access-control-request-method'] !== undefined;

function addVaryOrigin(reply: FastifyReply): void {
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/\borigin\b/i.test(vary)) void reply.header('vary', vary ? `${vary}, Origin` : 'Origin');
}

/**
 * Cross-origin access to the partner API, closed unless origins are configured: no Access-Control-Allow-*
 * header is ever sent for another origin. A preflight (OPTIONS with Origin and Access-Control-Request-Method)
 * is answered here, before routing, so the 404/405 of routes without OPTIONS never applies to it: 204 with
 * the allowed methods and headers for a configured origin on a partner path, else 403 in the Solaris shape.
 * Actual requests are never refused for their Origin (the browser enforces CORS); a configured origin's
 * answers, errors included, carry Access-Control-Allow-Origin so its scripts can read them.
 */
export function installCors(fastify: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins.map((o) => o.toLowerCase()));
  const allows = (req: FastifyRequest) =>
    typeof req.headers.origin === 'string' &&
    allowed.has(req.headers.origin.toLowerCase()) &&
    partnerPath(req);

  fastify.addHook('onRequest', async (req, reply) => {
    if (!isPreflight(req)) return;
    if (!allows(req)) {
      throw new ForbiddenError('Cross-origin requests from this origin are not allowed on this path.');
    }
    addVaryOrigin(reply);
    return answeredInHook(
      reply
        .code(204)
        .headers({
          'access-control-allow-origin': String(req.headers.origin),
          'access-control-allow-methods': ALLOW_METHODS,
          'access-control-allow-headers': ALLOW_HEADERS,
          'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
        })
        .send(),
    );
  });

  if (allowed.size === 0) return;
  fastify.addHook('onSend', async (req, reply, payload) => {
    if (!partnerPath(req) || isPreflight(req)) return payload;
    // The answer depends on Origin once origins are configured: caches must keep one copy per origin.
    addVaryOrigin(reply);
    if (allows(req)) {
      void reply.headers({
        'access-control-allow-origin': String(req.headers.origin),
        'access-control-expose-headers': EXPOSE_HEADERS,
      });
    }
    return payload;
  });
}
