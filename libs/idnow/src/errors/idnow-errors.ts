/** One entry of IDnow's error body `{"errors":[...]}`. */
export interface IdnowErrorEntry {
  cause: string;
  id: string | null;
  key: string | null;
  message: string | null;
}

/** Base of every error this lib throws, so a caller can catch the provider's failures in one place. */
export abstract class IdnowError extends Error {
  constructor(
    message: string,
    /** Which client call failed (`login`, `start`, `getIdentification`, ...); '' for payload parsing. */
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** IDnow answered a 4xx with (or without) its error body; `cause` is the first error's cause. */
export class IdnowApiError extends IdnowError {
  override readonly cause: string;

  constructor(
    readonly status: number,
    readonly errors: IdnowErrorEntry[],
    operation: string,
  ) {
    const first = errors[0];
    const cause = first?.cause ?? 'UNKNOWN';
    const key = first?.key ? ` (key ${first.key})` : '';
    super(`IDnow ${operation} answered ${status} ${cause}${key}`, operation);
    this.cause = cause;
  }
}

/** IDnow could not be reached, timed out or answered 5xx: nothing is known to have changed there. */
export class IdnowUnavailableError extends IdnowError {
  constructor(
    readonly reason: 'network' | 'timeout' | 'server',
    operation: string,
    readonly status: number | null = null,
    readonly errors: IdnowErrorEntry[] = [],
    options?: ErrorOptions,
  ) {
    const what =
      reason === 'server' ? `answered ${status}` : reason === 'timeout' ? 'timed out' : 'unreachable';
    super(`IDnow ${operation} ${what}`, operation, options);
  }
}

/** IDnow answered 429; `retryAfterSeconds` comes from Retry-After when IDnow sent one. */
export class IdnowRateLimitedError extends IdnowError {
  readonly status = 429;

  constructor(
    readonly retryAfterSeconds: number | null,
    operation: string,
  ) {
    super(`IDnow ${operation} answered 429 (rate limited)`, operation);
  }
}

/** A payload from IDnow lacks a field we need; `path` names it, the message never carries values. */
export class IdnowPayloadError extends IdnowError {
  constructor(
    readonly path: string,
    problem: string,
    operation = '',
  ) {
    super(`IDnow ${operation || 'payload'}: ${path} ${problem}`, operation);
  }
}

/** We refused to send a request (e.g. a transaction number IDnow would reject or that would alter the path). */
export class IdnowRequestError extends IdnowError {
  constructor(
    readonly field: string,
    problem: string,
    operation = '',
  ) {
    super(`IDnow ${operation || 'request'}: ${field} ${problem}`, operation);
  }
}
