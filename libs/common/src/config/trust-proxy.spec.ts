import { describe, expect, it } from '@jest/globals';
import { TrustProxyError, trustProxyOption } from './trust-proxy.js';

describe(trustProxyOption.name, () => {
  it('trusts nobody when unset or empty', () => {
    expect(trustProxyOption(undefined)).toBeUndefined();
    expect(trustProxyOption('  ')).toBeUndefined();
  });

  it('passes addresses and CIDR ranges, IPv4 and IPv6, through as a list', () => {
    expect(trustProxyOption('10.0.0.5, 192.168.0.0/16,::1,fd00::/8')).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it('trusts the last N hops for a number', () => {
    const trust = trustProxyOption('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
  });

  it.each(['true', '*', 'lb.internal', '10.0.0.0/33', '10.0.0.256', '10.0.0.1/8/8', '10.0.0.1,'])(
    'refuses %p, naming the entry',
    (setting) => {
      expect(() => trustProxyOption(setting)).toThrow(TrustProxyError);
      expect(() => trustProxyOption(setting)).toThrow(/is not an IP address or CIDR range/);
    },
  );
});
