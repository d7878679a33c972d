import { describe, expect, it } from '@jest/globals';
import { isQueryCanceled } from './database-errors.js';
import { renderError } from './solaris-error-body.js';

/** What TypeORM throws: a QueryFailedError with the driver error's fields copied and kept as driverError. */
const queryFailed = (code: string) =>
  Object.assign(new Error('canceling statement due to statement timeout'), {
    name: 'QueryFailedError',
    code,
    driverError: { code },
  });

describe(isQueryCanceled.name, () => {
  it('finds SQLSTATE 57014 on the error, its driver error or a wrapped cause', () => {
    expect(isQueryCanceled(queryFailed('57014'))).toBe(true);
    expect(isQueryCanceled({ driverError: { code: '57014' } })).toBe(true);
    expect(isQueryCanceled(new Error('tx failed', { cause: { code: '57014' } }))).toBe(true);
    expect(isQueryCanceled(queryFailed('23505'))).toBe(false);
    expect(isQueryCanceled(undefined)).toBe(false);
  });
});

describe('renderError of a cancelled statement', () => {
  it('answers 503 in the Solaris shape with Retry-After, not 500, and no database text', () => {
    const r = renderError(queryFailed('57014'));
    expect(r.status).toBe(503);
    expect(r.unexpected).toBe(false);
    expect(r.headers).toStrictEqual({ 'retry-after': '5' });
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0]).toMatchObject({
      status: 503,
      code: 'service_unavailable',
      title: 'Service Unavailable',
      detail: 'The database did not answer in time. Try again shortly.',
    });
    expect(JSON.stringify(r.body)).not.toContain('canceling');
  });

  it('still answers 500 for other database errors', () => {
    expect(renderError(queryFailed('XX000')).status).toBe(500);
  });
});
