import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** The statement timeout (ms) of the work in progress; absent or 0: the server's default (none). */
const scope = new AsyncLocalStorage<number>();

/** Runs `work` (and what it awaits) with every statement limited to `ms`: what an HTTP request does. */
export function runWithStatementTimeout<T>(ms: number, work: () => T): T {
  return scope.run(ms, work);
}

/** Runs `work` without the request's limit: jobs started from a request ("run now") are not cut. */
export function runWithoutStatementTimeout<T>(work: () => T): T {
  return scope.run(0, work);
}

/** A Fastify hook (preHandler: after the body arrived) that puts the request's handling in the scope. */
export function statementTimeoutHook(ms: number) {
  return (_req: unknown, _reply: unknown, done: () => void): void => runWithStatementTimeout(ms, done);
}

const SESSION = Symbol('kycStatementTimeout');
/** The session's setting is not known (a rolled-back transaction may have undone a SET). */
const UNKNOWN = -1;

type TrackedClient = pg.Client & { [SESSION]?: number };

/**
 * A `pg` client that gives its session the statement timeout of the scope each query is made in:
 * `SET statement_timeout` before the first query of a request on this connection, `RESET` before the
 * first one outside a request (jobs, timers, start-up). It only speaks when the scope changes, so a pool
 * that serves requests only pays one SET per connection. Queued ahead of the query on the same
 * connection, so it never runs inside another transaction's statements.
 */
export class ScopedTimeoutClient extends pg.Client {}

const query = Reflect.get(pg.Client.prototype, 'query') as (this: pg.Client, ...a: unknown[]) => unknown;
(ScopedTimeoutClient.prototype as { query: unknown }).query = function scopedQuery(
  this: TrackedClient,
  ...args: unknown[]
): unknown {
  const want = scope.getStore() ?? 0;
  const have = this[SESSION] ?? 0;
  if (want !== have) {
    this[SESSION] = want;
    const sql = want > 0 ? `SET statement_timeout = ${Math.floor(want)}` : 'RESET statement_timeout';
    (query.call(this, sql) as Promise<unknown>).catch(() => {
      this[SESSION] = UNKNOWN;
    });
  }
  const first = args[0] as string | { text?: unknown } | undefined;
  const text = typeof first === 'string' ? first : first?.text;
  // A ROLLBACK (or ROLLBACK TO SAVEPOINT) undoes a SET made inside its transaction.
  if (typeof text === 'string' && /^\s*ROLLBACK/i.test(text)) this[SESSION] = UNKNOWN;
  return query.apply(this, args);
};
