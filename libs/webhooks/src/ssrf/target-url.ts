import { ipLiteral, isBlockedAddress } from './address-guard.js';

export interface TargetPolicy {
  /** Production: only https. */
  httpsOnly: boolean;
  /** Sandbox convenience: loopback and private addresses allowed. */
  allowPrivate: boolean;
}

const MAX_URL_LENGTH = 2048;

/**
 * Why a subscription url is refused before any connection, or null when it may be tried. Host names are
 * checked again at connect time against what they resolve to (guarded-lookup.ts).
 */
export function refuseTargetUrl(raw: string, policy: TargetPolicy): string | null {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters long`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (policy.httpsOnly && url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (policy.allowPrivate) return null;
  const host = url.hostname.toLowerCase();
  const ip = ipLiteral(host);
  if (ip !== null ? isBlockedAddress(ip) : host === 'localhost' || host.endsWith('.localhost')) {
    return 'must not target a loopback, private or link-local address';
  }
  return null;
}
