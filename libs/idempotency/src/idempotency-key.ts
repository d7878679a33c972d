import { ValidationError } from '#kyc/common';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** 1 to 255 printable ASCII characters (space to tilde), as Stripe takes them. */
const KEY = /^[\x20-\x7e]{1,255}$/;

/** The request's Idempotency-Key, undefined without one; anything but one well-formed key answers 400. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY.test(raw)) {
    throw ValidationError.field('Idempotency-Key', 'must be 1 to 255 printable ASCII characters');
  }
  return raw;
}
