import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths whose answers carry personal data (or tokens): never stored by a browser or a proxy. */
const NO_STORE_PREFIXES = ['/v1', '/admin', '/oauth'];

/** No page of this app uses a device; the sandbox web flow is plain forms (the real IDnow runs on IDnow's host). */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** What a helmet() default would send, tightened where this app allows it. */
const ALWAYS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
  'origin-agent-cluster': '?1',
  'permissions-policy': PERMISSIONS_POLICY,
};

/** JSON and errors render nothing: a response opened in a browser may load nothing and be framed nowhere. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security max-age; sent only when set above 0 (the app is served over https). */
  hstsMaxAgeSeconds?: number;
}

/** HSTS only makes sense behind https: on by PUBLIC_URL's scheme, its max-age from the setting (0 turns it off). */
export function hstsMaxAge(publicUrl: string | undefined, maxAgeSeconds: number): number | undefined {
  return publicUrl?.startsWith('https://') && maxAgeSeconds > 0 ? maxAgeSeconds : undefined;
}

const hasPrefix = (path: string, prefixes: string[]) =>
  prefixes.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * Security headers on every response, errors and 404s included (an onSend hook sees them all). Pages that
 * need a different Content-Security-Policy (the console, /docs, the sandbox web flow) set their own; every
 * other response gets the API's `default-src 'none'`. Call before routes are registered.
 */
export function installSecurityHeaders(fastify: FastifyInstance, opts: SecurityHeaderOptions = {}): void {
  const fixed = { ...ALWAYS };
  if (opts.hstsMaxAgeSeconds) fixed['strict-transport-security'] = `max-age=${opts.hstsMaxAgeSeconds}`;
  fastify.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    void reply.headers(fixed);
    reply.removeHeader('x-powered-by');
    reply.removeHeader('server');
    if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', API_CSP);
    const path = req.url.split('?')[0] ?? '/';
    if (hasPrefix(path, NO_STORE_PREFIXES) || !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
