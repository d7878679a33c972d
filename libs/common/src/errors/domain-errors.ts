/** A field at fault, as the Solaris error body's `source`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Base of every error the API answers on purpose; the global filter renders it in the Solaris shape. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;

  constructor(
    readonly detail: string,
    readonly source?: FieldIssue,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  /** One error body entry per issue; most errors have exactly one. */
  issues(): { detail: string; source?: FieldIssue }[] {
    return [{ detail: this.detail, source: this.source }];
  }
}

/** 400 with one entry per field at fault (Solaris answers every invalid field at once). */
export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = 'validation_error';
  readonly title = 'Validation Error';

  constructor(readonly fieldIssues: FieldIssue[]) {
    super(fieldIssues.map((i) => `${i.field} ${i.message}`).join('; '), fieldIssues[0]);
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }

  override issues() {
    return this.fieldIssues.map((i) => ({ detail: `${i.field} ${i.message}`, source: i }));
  }
}

/** 400 for a rule that spans the model, shaped as the seed's branch-residency example. */
export class InvalidModelError extends DomainError {
  readonly status = 400;
  readonly code = 'invalid_model';
  readonly title = 'Invalid Model';

  constructor(field: string, message: string) {
    super(`${field} ${message}`, { field, message });
  }
}

export class BadRequestError extends DomainError {
  readonly status = 400;
  readonly code = 'bad_request';
  readonly title = 'Bad Request';
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'Forbidden';
}

/** 404 worded as Solaris does; also used for another tenant's ids so they cannot be probed. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'model_not_found';
  readonly title = 'Model Not Found';

  constructor(model: string, id: string) {
    super(`Couldn't find '${model}' for id '${safeId(id)}'.`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly title = 'Conflict';
}

/** 4xx for a state machine transition that is not allowed from the current status. */
export class IllegalTransitionError extends DomainError {
  readonly status = 422;
  readonly code = 'invalid_status_transition';
  readonly title = 'Invalid Status Transition';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  readonly title = 'Too Many Requests';

  constructor(detail: string, retryAfterSeconds: number) {
    super(detail, undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

/** The identification provider failed or answered an error: nothing was changed on our side. */
export class ProviderError extends DomainError {
  readonly status = 502;
  readonly code = 'provider_error';
  readonly title = 'Provider Error';
}

export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  readonly title = 'Service Unavailable';
}

/** Ids are echoed in messages; keep only id-like characters so nothing odd lands in a response or log. */
function safeId(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9_-]/g, '');
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}

/** 413 for a file or body over a limit we state in the detail. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  readonly title = 'Payload Too Large';
}

/** 415 for a body sent in a media type the route does not take. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  readonly title = 'Unsupported Media Type';
}

/** A stored file failed its integrity check (or vanished): it is not served, and operators are alerted. */
export class StoredFileIntegrityError extends DomainError {
  readonly status = 500;
  readonly code = 'document_integrity_error';
  readonly title = 'Document Integrity Error';
}
