import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { newWebhookSecret, SecretBox, signBody } from './secret-box.js';

describe(SecretBox.name, () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('opens what it sealed, and seals the same secret differently each time', () => {
    const secret = newWebhookSecret();
    const a = box.seal(secret);
    expect(box.open(a)).toBe(secret);
    expect(box.seal(secret)).not.toBe(a);
    expect(a).not.toContain(secret);
  });

  it('refuses a tampered ciphertext and another key', () => {
    const sealed = box.seal('s3cret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from(
      'x' + Buffer.from(parts[3], 'base64url').toString('latin1').slice(1),
      'latin1',
    ).toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe(signBody.name, () => {
  it('is sha256=<hex HMAC-SHA256> of the exact bytes', () => {
    const body = Buffer.from('{"id":"x"}');
    expect(signBody('k', body)).toBe(`sha256=${createHmac('sha256', 'k').update(body).digest('hex')}`);
  });
});

describe('SecretBox.derived', () => {
  it('keys each purpose apart: a sealed secret of one purpose does not open under another', () => {
    const key = randomBytes(32).toString('base64');
    const sealed = SecretBox.derived(key, 'staff-mfa').seal('JBSWY3DPEHPK3PXP');
    expect(SecretBox.derived(key, 'staff-mfa').open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => new SecretBox(key).open(sealed)).toThrow();
    expect(() => SecretBox.derived(key, 'other').open(sealed)).toThrow();
  });
});
