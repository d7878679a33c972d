import { ServiceUnavailableError } from '#kyc/common';

/**
 * The provider refused the call for its rate limit (HTTP 429). Still a 503 for an API caller (with
 * Retry-After when the provider said how long); a job reads `retryAfterSeconds` to back off.
 */
export class ProviderRateLimitedError extends ServiceUnavailableError {
  constructor(readonly retryAfterSeconds: number | null) {
    super(
      'The identification provider is rate limiting our requests; try again later.',
      undefined,
      retryAfterSeconds === null ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }
}
