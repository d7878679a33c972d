import { createHmac, randomBytes } from 'node:crypto';

/** Subscription secrets are sealed with the common SecretBox under WEBHOOK_SECRET_KEY itself. */
export { SecretBox } from '#kyc/common';

/** A new subscription secret: 32 random bytes as hex, used as the HMAC key's UTF-8 text. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, keyed with the subscription secret. */
export function signBody(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
