import { describe, expect, it } from '@jest/globals';
import { base32Decode, base32Encode, hotp, matchTotp, totpStep } from './totp.js';

// RFC 6238 appendix B, SHA-1: the secret is the ASCII of "12345678901234567890".
const RFC_SECRET = Buffer.from('12345678901234567890');

describe(hotp.name, () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('matches RFC 6238 at T=%i', (seconds, code) => {
    expect(hotp(RFC_SECRET, Math.floor(seconds / 30), 8)).toBe(code);
  });
});

describe('base32', () => {
  it('round-trips and matches RFC 4648', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(RFC_SECRET))).toEqual(RFC_SECRET);
  });
});

describe(matchTotp.name, () => {
  const secret = base32Encode(RFC_SECRET);
  const at = new Date(1111111109 * 1000);
  const step = totpStep(at);

  it('accepts the current code and one step of drift either way', () => {
    expect(matchTotp(secret, '081804', at)).toBe(step);
    expect(matchTotp(secret, hotp(RFC_SECRET, step - 1), at)).toBe(step - 1);
    expect(matchTotp(secret, hotp(RFC_SECRET, step + 1), at)).toBe(step + 1);
    expect(matchTotp(secret, hotp(RFC_SECRET, step + 2), at)).toBeNull();
  });

  it('refuses a replayed step, a wrong code and a malformed one', () => {
    expect(matchTotp(secret, '081804', at, step)).toBeNull();
    expect(matchTotp(secret, '000000', at)).toBeNull();
    expect(matchTotp(secret, '08180', at)).toBeNull();
    expect(matchTotp(secret, '08180a', at)).toBeNull();
  });
});
