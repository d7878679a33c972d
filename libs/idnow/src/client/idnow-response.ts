import {
  IdnowApiError,
  IdnowRateLimitedError,
  IdnowUnavailableError,
  type IdnowError,
  type IdnowErrorEntry,
} from '../errors/idnow-errors.js';
import { asText, isRecord } from '../util/json-guards.js';

/** IDnow's `{"errors":[...]}` body as entries; anything else (HTML, empty) gives none. */
export function parseIdnowErrors(body: string): IdnowErrorEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  if (!isRecord(json) || !Array.isArray(json.errors)) return [];
  return json.errors.filter(isRecord).map((e) => ({
    cause: asText(e.cause) ?? 'UNKNOWN',
    id: asText(e.id),
    key: asText(e.key),
    message: asText(e.message),
  }));
}

/** Retry-After as seconds, from either of its forms (delta-seconds or an HTTP date). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The error for a non-2xx answer: 429 rate limited, 5xx unavailable, the rest IDnow's own error. */
export function errorForResponse(
  status: number,
  retryAfter: string | null,
  body: string,
  operation: string,
): IdnowError {
  if (status === 429) return new IdnowRateLimitedError(parseRetryAfter(retryAfter), operation);
  const errors = parseIdnowErrors(body);
  if (status >= 500) return new IdnowUnavailableError('server', operation, status, errors);
  return new IdnowApiError(status, errors, operation);
}

/** A fetch or body-read failure: the timeout signal's abort, or anything the network threw. */
export function unavailableFrom(error: unknown, operation: string): IdnowUnavailableError {
  // Duck-typed: the DOMException of AbortSignal.timeout may come from another realm (e.g. under Jest).
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  const reason = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
  return new IdnowUnavailableError(reason, operation, null, [], { cause: error });
}
