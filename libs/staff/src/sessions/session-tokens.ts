import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'kyc_session';
/** Readable by the console's script, which echoes it in X-CSRF-Token on every state-changing call. */
export const CSRF_COOKIE = 'kyc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time comparison of a presented token with a stored digest. */
export function matchesDigest(token: string, storedDigest: string): boolean {
  const a = Buffer.from(digest(token), 'hex');
  const b = Buffer.from(storedDigest, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The named cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function cookie(
  name: string,
  value: string,
  opts: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number },
): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'SameSite=Strict',
    `Max-Age=${opts.maxAgeSeconds}`,
    ...(opts.httpOnly ? ['HttpOnly'] : []),
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}
