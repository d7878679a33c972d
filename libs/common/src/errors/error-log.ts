import type { RenderedError } from './solaris-error-body.js';

interface MinimalLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * Log an answered error with its ids so support can find it from what the caller quotes.
 * Database errors carry input values in their messages and parameters: only their SQLSTATE and
 * constraint are logged, never the text, so personal data cannot reach the log.
 */
export function logAnsweredError(log: MinimalLogger, rendered: RenderedError, cause: unknown): void {
  const ids = rendered.body.errors.map((e) => e.id);
  const codes = [...new Set(rendered.body.errors.map((e) => e.code))];
  if (!rendered.unexpected) {
    // Unknown field names are the caller's text: only name-like ones are logged.
    const fields = rendered.body.errors
      .map((e) => e.source?.field)
      .filter(Boolean)
      .map((f) => (/^[A-Za-z0-9_.[\]]{1,64}$/.test(f!) ? f : '(unlisted)'));
    log.info({ errorIds: ids, status: rendered.status, codes, fields }, 'request rejected');
    return;
  }
  log.error({ errorIds: ids, status: rendered.status, cause: describeCause(cause) }, 'unexpected error');
}

function describeCause(cause: unknown): Record<string, unknown> {
  if (!(cause instanceof Error)) return { type: typeof cause };
  const e = cause as Error & {
    code?: unknown;
    driverError?: { code?: unknown; constraint?: unknown; table?: unknown };
  };
  const db = e.driverError ?? (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e : undefined);
  if (db) {
    const d = db as { code?: unknown; constraint?: unknown; table?: unknown };
    return { name: e.name, sqlState: d.code, constraint: d.constraint, table: d.table };
  }
  const frames = (e.stack ?? '').split('\n').slice(1, 12).join('\n');
  return { name: e.name, message: e.message, stack: frames };
}
