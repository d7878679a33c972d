import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from '#kyc/testing';
import { adminContext, StaffSessions } from '../support/fuzz/admin-data.js';
import {
  type Operation,
  operationsOf,
  routeKey,
  routesWithoutSchema,
  servedRoutes,
} from '../support/fuzz/operations.js';
import { FuzzRun, FUZZ_SEED, fuzzRuns } from '../support/fuzz/runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Property-based fuzzing of every /admin route with staff sessions of each role (and forged ones):
 * generated and mutated requests, checked against the house rules. See docs/FUZZING.md.
 */
describe('fuzzing the admin routes', () => {
  let t: TestApp;
  let ops: Operation[];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
    ops = operationsOf((await http(t.url, 'GET', '/docs-json')).body).filter((o) =>
      o.path.startsWith('/admin/'),
    );
  }, 180_000);
  afterAll(() => t.close());

  it('covers every /admin route the server registered, from the OpenAPI document', () => {
    const served = servedRoutes(t.app).filter((r) => r.split(' ')[1].startsWith('/admin/'));
    expect(ops.map(routeKey).sort()).toEqual(served);
  });

  it('answers every generated request below 500, errors in the Solaris shape, 2xx as JSON or as documented', async () => {
    const sessions = new StaffSessions(t);
    await sessions.start();
    const run = new FuzzRun(t.url, sessions.headersOf, (req, status, sent) =>
      sessions.renewAfter(req.headers, status, sent),
    );
    await run.run(ops, await adminContext(t), fuzzRuns(4000));
    const withoutSchema = routesWithoutSchema(ops, 'admin');
    process.stdout.write(
      `${run.summary()}\nadmin routes without a response schema: ${withoutSchema.length} of ${ops.length} ` +
        `[${withoutSchema.join(', ')}]\n`,
    );
    expect({ seed: FUZZ_SEED, findings: [...run.findings.values()] }).toEqual({
      seed: FUZZ_SEED,
      findings: [],
    });
    expect(run.sent.size).toBe(ops.length);
  }, 900_000);
});
