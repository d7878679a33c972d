import { createHash } from 'node:crypto';

/** The limited route classes; each has its own limit per window (RATE_LIMIT_<CLASS>_PER_WINDOW). */
export type RouteClass = 'write' | 'read' | 'token' | 'token_ip' | 'callback';

export interface RateLimitedRequest {
  method: string;
  /** The matched route pattern, e.g. `/v1/persons/:id`. */
  route: string;
  ip: string;
  /** The partner client of a /v1 request, known after its bearer token was checked. */
  partnerClientId?: string;
  /** The client id a token request names (HTTP Basic or body), before its secret is checked. */
  tokenClientId?: string;
}

export interface BucketKey {
  cls: RouteClass;
  /** Stored in rate_limit_buckets.key: the class and a client id, or a digest of the source IP. */
  key: string;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Source IPs are personal data: the counters keep a digest only. */
const ipDigest = (ip: string) => createHash('sha256').update(ip).digest('base64url').slice(0, 22);

/** The counters a request counts against; none for routes without a limit (admin, sandbox, health). */
export function bucketsFor(r: RateLimitedRequest): BucketKey[] {
  if (r.route === '/oauth/token') {
    const keys: BucketKey[] = [{ cls: 'token_ip', key: `token_ip:${ipDigest(r.ip)}` }];
    if (r.tokenClientId) keys.unshift({ cls: 'token', key: `token:${r.tokenClientId}` });
    return keys;
  }
  if (r.route.startsWith('/providers/idnow/callback')) {
    return [{ cls: 'callback', key: `callback:${ipDigest(r.ip)}` }];
  }
  if (r.route.startsWith('/v1/') && r.partnerClientId) {
    const cls: RouteClass = WRITE_METHODS.has(r.method) ? 'write' : 'read';
    return [{ cls, key: `${cls}:${r.partnerClientId}` }];
  }
  return [];
}

/** The client id of a token request, read as the token endpoint reads it (Basic first, then the body). */
export function tokenClientId(authorization: unknown, body: unknown): string | undefined {
  const basic = typeof authorization === 'string' && /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (basic && basic[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return safeClientId(decoded.slice(0, colon));
  }
  const id = body && typeof body === 'object' ? (body as Record<string, unknown>).client_id : undefined;
  return typeof id === 'string' ? safeClientId(id) : undefined;
}

/** Client ids are short and plain (PARTNER_CLIENT_ID's rule); anything else counts by a digest. */
function safeClientId(id: string): string {
  let plain = id;
  try {
    plain = decodeURIComponent(id);
  } catch {
    /* taken as sent, as the token endpoint does */
  }
  return /^[A-Za-z0-9_.-]{1,64}$/.test(plain) ? plain : `#${ipDigest(plain)}`;
}
