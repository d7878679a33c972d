import { DomainError } from '#kyc/common';

/** 409: another request with this key is still being executed; retry once it has finished. */
export class IdempotencyKeyInUseError extends DomainError {
  readonly status = 409;
  readonly code = 'idempotency_key_in_use';
  readonly title = 'Idempotency Key In Use';

  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry after it has finished.', {
      field: 'Idempotency-Key',
      message: 'is in use by a request still being processed',
    });
  }
}

/** 422: the key was first used for another request (path or body); nothing was executed. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly status = 422;
  readonly code = 'idempotency_key_reused';
  readonly title = 'Idempotency Key Reused';

  constructor(what: 'path' | 'body') {
    super(
      `This Idempotency-Key was used for a request with a different ${what === 'path' ? 'method or path' : 'body'}; use a new key for a new request.`,
      { field: 'Idempotency-Key', message: `was used with a different ${what === 'path' ? 'path' : 'body'}` },
    );
  }
}
