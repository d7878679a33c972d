import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (webhook signing secrets, MFA seeds): AES-256-GCM as `v1.<iv>.<tag>.<ciphertext>`.
 * One configured key (WEBHOOK_SECRET_KEY); each other purpose uses its own key derived from it with HKDF.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string | Buffer) {
    this.key = typeof base64Key === 'string' ? Buffer.from(base64Key, 'base64') : base64Key;
    if (this.key.length !== 32) throw new Error('WEBHOOK_SECRET_KEY must be 32 bytes');
  }

  /** A box keyed for one purpose, so a ciphertext of one kind never opens as another. */
  static derived(base64Key: string, purpose: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', Buffer.from(base64Key, 'base64'), '', purpose, 32)));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ct] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown sealed secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}
