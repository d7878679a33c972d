import { isIP } from 'node:net';

/** Thrown for a TRUST_PROXY entry that is neither an IP address nor a CIDR range. */
export class TrustProxyError extends Error {}

/**
 * Which load balancers' `X-Forwarded-For` the api believes (Fastify's `trustProxy`): nothing when empty, the
 * last N hops for a number, or the listed addresses and CIDR ranges. "Everyone" is not offered: any client
 * could then choose the address the audit trail records and the per-IP limits count.
 */
export function trustProxyOption(
  setting: string | undefined,
): string[] | ((address: string, hop: number) => boolean) | undefined {
  const value = setting?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops; // as proxy-addr counts: hop 0 is the socket's peer
  }
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [ip, bits, extra] = entry.split('/');
    const version = isIP(ip);
    const maxBits = version === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!version || !validBits || extra !== undefined) {
      throw new TrustProxyError(
        `"${entry}" is not an IP address or CIDR range (use addresses such as 10.0.0.5 or 10.0.0.0/8, or a hop count)`,
      );
    }
  }
  return entries;
}
