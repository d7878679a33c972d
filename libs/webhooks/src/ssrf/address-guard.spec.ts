import { describe, expect, it } from '@jest/globals';
import { isBlockedAddress, parseIpv4, parseIpv6 } from './address-guard.js';

/** Addresses a webhook must never reach, in the spellings attackers use. */
const BLOCKED = [
  '127.0.0.1',
  '127.255.255.254',
  '2130706433', // 127.0.0.1 as one decimal number
  '0177.0.0.1', // octal
  '0x7f000001', // hex
  '0x7f.0.0.1',
  '127.1',
  '0',
  '0.0.0.0',
  '10.0.0.1',
  '10.255.255.255',
  '012.0.0.1', // 10.0.0.1 in octal
  '167772161', // 10.0.0.1 as a number
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '3232235777', // 192.168.1.1
  '169.254.169.254', // cloud metadata
  '0xa9fea9fe', // 169.254.169.254
  '169.254.0.1',
  '100.64.0.1', // CGNAT
  '100.127.255.255',
  '224.0.0.1', // multicast
  '239.255.255.250',
  '255.255.255.255',
  '240.0.0.1',
  '198.18.0.1',
  '::1',
  '[::1]',
  '::',
  '0:0:0:0:0:0:0:1',
  'fc00::1', // unique-local
  'fd12:3456:789a::1',
  'fe80::1', // link-local
  'ff02::1', // multicast
  '::ffff:127.0.0.1', // IPv4-mapped
  '::ffff:7f00:1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '::ffff:192.168.0.1',
  '::127.0.0.1', // IPv4-compatible
  '64:ff9b::a9fe:a9fe', // NAT64 of the metadata address
  '2001:db8::1',
  'not-an-ip',
];

const ALLOWED = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '172.15.255.255',
  '172.32.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '169.253.255.255',
  '192.169.0.1',
  '134744072', // 8.8.8.8 as a number
  '2606:4700:4700::1111',
  '2a00:1450:4001:80b::200e',
  '::ffff:8.8.8.8',
  '::ffff:808:808',
];

describe(isBlockedAddress.name, () => {
  it.each(BLOCKED)('refuses %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(ALLOWED)('allows %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('has a corpus of at least 30 addresses', () => {
    expect(BLOCKED.length + ALLOWED.length).toBeGreaterThanOrEqual(30);
  });
});

describe(parseIpv4.name, () => {
  it('normalises decimal, octal and hex forms as inet_aton does', () => {
    for (const form of ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f000001', '127.1', '0x7f.1'])
      expect(parseIpv4(form)).toBe(0x7f000001);
  });

  it('rejects out-of-range parts and non-numbers', () => {
    for (const bad of ['256.0.0.1', '1.2.3.4.5', '4294967296', '09.0.0.1', 'example.com', '', '1..2'])
      expect(parseIpv4(bad)).toBeNull();
  });
});

describe(parseIpv6.name, () => {
  it('reads compressed, bracketed and dotted-tail forms', () => {
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('[::1]')).toBe(1n);
    expect(parseIpv6('::ffff:127.0.0.1')).toBe(parseIpv6('::ffff:7f00:1'));
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(parseIpv6('127.0.0.1')).toBeNull();
  });
});
