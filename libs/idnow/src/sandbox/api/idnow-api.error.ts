import { randomInt } from 'node:crypto';
import type { IdnowErrorEntry } from '../../errors/idnow-errors.js';

/** IDnow's documented error causes (fixtures/idnow/README.md, "Errors"). */
export type IdnowErrorCause =
  | 'UNRECOGNIZED_FIELD'
  | 'UNPARSEABLE_JSON'
  | 'MISSING_TRANSACTION_TOKEN'
  | 'BAD_REQUEST'
  | 'INVALID_LOGIN_TOKEN'
  | 'SECURITY_VIOLATION'
  | 'OBJECT_NOT_FOUND'
  | 'EXISTING_IDENTIFICATION'
  | 'PRECONDITION_FAILED'
  | 'INTERNAL_SERVER_ERROR';

const STATUS: Record<IdnowErrorCause, number> = {
  UNRECOGNIZED_FIELD: 400,
  UNPARSEABLE_JSON: 400,
  MISSING_TRANSACTION_TOKEN: 400,
  BAD_REQUEST: 400,
  INVALID_LOGIN_TOKEN: 401,
  SECURITY_VIOLATION: 401,
  OBJECT_NOT_FOUND: 404,
  EXISTING_IDENTIFICATION: 409,
  PRECONDITION_FAILED: 412,
  INTERNAL_SERVER_ERROR: 500,
};

/** An error the sandbox answers in IDnow's shape `{"errors":[{"cause","id","key","message"}]}`. */
export class IdnowApiError extends Error {
  readonly status: number;

  constructor(
    readonly idnowCause: IdnowErrorCause,
    readonly key: string | null = null,
    readonly detail: string | null = null,
  ) {
    super(`${idnowCause}${key ? ` (${key})` : ''}`);
    this.status = STATUS[idnowCause];
  }

  /** The fixture's BAD_REQUEST wording: "Please provide a correct value for 'birthday'". */
  static badValue(key: string): IdnowApiError {
    return new IdnowApiError('BAD_REQUEST', key, `Please provide a correct value for '${key}'`);
  }

  body(): { errors: IdnowErrorEntry[] } {
    return {
      errors: [
        {
          cause: this.idnowCause,
          id: String(randomInt(10_000_000, 999_999_999)),
          key: this.key,
          message: this.detail,
        },
      ],
    };
  }
}
