import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether an Authorization header carries the bearer token; constant time whatever the input's length. */
export function bearerMatches(header: unknown, token: string): boolean {
  if (typeof header !== 'string') return false;
  const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!m) return false;
  // Digests have equal lengths, so timingSafeEqual never leaks the token's length.
  const given = createHash('sha256').update(m[1]).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}
