import { isIPv6 } from 'node:net';

/**
 * Which addresses a webhook may never reach: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, CGNAT, multicast, reserved and documentation ranges, also when written
 * as IPv4-mapped, IPv4-compatible or NAT64 IPv6. Pure: no DNS here (see guarded-lookup.ts).
 */
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const BLOCKED_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

/**
 * An IPv4 address in any form `inet_aton` accepts (1 to 4 parts, each decimal, octal with a leading 0
 * or hex with 0x: 2130706433, 0177.0.0.1, 0x7f000001, 127.1) as a 32-bit number; null when not one.
 */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]+$/.test(p)) n = parseInt(p.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(p)) n = Number(p);
    else return null;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  return nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** An IPv6 address as a 128-bit number, or null. */
export function parseIpv6(text: string): bigint | null {
  const t = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(t)) return null;
  let hex = t;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (v4) {
    const n = parseIpv4(v4[1]);
    if (n === null) return null;
    hex = `${t.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [left, right] = hex.includes('::') ? hex.split('::') : [hex, undefined];
  const toGroups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const l = toGroups(left);
  const r = toGroups(right);
  const groups = right === undefined ? l : [...l, ...Array<number>(8 - l.length - r.length).fill(0), ...r];
  if (groups.length !== 8) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const V4 = BLOCKED_V4.map(([a, bits]) => ({ base: parseIpv4(a)!, bits }));
const V6 = BLOCKED_V6.map(([a, bits]) => ({ base: parseIpv6(a)!, bits }));

function inV4(n: number, base: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (n & mask) >>> 0 === (base & mask) >>> 0;
}

function inV6(n: bigint, base: bigint, bits: number): boolean {
  const shift = BigInt(128 - bits);
  return n >> shift === base >> shift;
}

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96). */
function embeddedV4(n: bigint): number | null {
  const high = n >> 32n;
  if (high === 0xffffn || high === 0n || high === 0x64ff9b0000000000000000n) return Number(n & 0xffffffffn);
  return null;
}

/**
 * True when `address` (an IP literal in any accepted form) must not be reached; a string that is no IP
 * address at all is blocked too, since the caller expected one.
 */
export function isBlockedAddress(address: string): boolean {
  const v6 = parseIpv6(address);
  if (v6 !== null) {
    if (V6.some((r) => inV6(v6, r.base, r.bits))) return true;
    const v4 = embeddedV4(v6);
    return v4 !== null && isBlockedV4(v4);
  }
  const v4 = parseIpv4(address);
  return v4 === null ? true : isBlockedV4(v4);
}

function isBlockedV4(n: number): boolean {
  return V4.some((r) => inV4(n, r.base, r.bits));
}

/** An IP literal host (brackets allowed) normalised to its canonical text, or null for a DNS name. */
export function ipLiteral(host: string): string | null {
  const v6 = parseIpv6(host);
  if (v6 !== null) return host.replace(/^\[|\]$/g, '');
  const v4 = parseIpv4(host);
  return v4 === null ? null : formatIpv4(v4);
}
