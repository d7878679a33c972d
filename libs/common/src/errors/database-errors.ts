/** Seconds a caller is asked to wait after a statement was cut by the statement timeout. */
export const STATEMENT_TIMEOUT_RETRY_AFTER_S = 5;

/**
 * SQLSTATE 57014 (query_canceled): the statement timeout (DB_STATEMENT_TIMEOUT_MS) or an operator's
 * pg_cancel_backend stopped a statement. Found on a `pg` error, on TypeORM's QueryFailedError (which
 * copies the driver error's fields) or on a wrapped cause.
 */
export function isQueryCanceled(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const x = e as { code?: unknown; driverError?: unknown; cause?: unknown };
    if (x.code === '57014') return true;
    e = x.driverError ?? x.cause;
  }
  return false;
}
