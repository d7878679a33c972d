import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** IDnow's login token lives an hour. */
export const LOGIN_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Stateless login tokens: the expiry signed with the API key (HMAC-SHA256), so every process of the
 * sandbox accepts the tokens of every other without shared state.
 */
export function issueLoginToken(apiKey: string, companyId: string, now: Date): string {
  const expires = String(now.getTime() + LOGIN_TOKEN_TTL_MS);
  return `${expires}.${sign(apiKey, companyId, expires)}`;
}

export function isValidLoginToken(
  token: string | undefined,
  apiKey: string,
  companyId: string,
  now: Date,
): boolean {
  const match = typeof token === 'string' ? /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return false;
  const [, expires = '', signature = ''] = match;
  if (Number(expires) <= now.getTime()) return false;
  return sameText(signature, sign(apiKey, companyId, expires));
}

/** Constant-time comparison of two secrets of any length (their digests are compared). */
export function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function sign(apiKey: string, companyId: string, expires: string): string {
  return createHmac('sha256', apiKey)
    .update(`idnow-sandbox-login:${companyId}:${expires}`)
    .digest('base64url');
}
