import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from '#kyc/testing';
import {
  isPartnerRoute,
  type Operation,
  operationsOf,
  PARTNER_NOT_JSON,
  routesWithoutSchema,
  routeKey,
  servedRoutes,
} from '../support/fuzz/operations.js';
import { partnerContext } from '../support/fuzz/partner-data.js';
import { FuzzRun, FUZZ_SEED, fuzzRuns } from '../support/fuzz/runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Property-based fuzzing of every route outside /admin (partner API, OAuth, the IDnow callback, the
 * IDnow sandbox, docs, health): generated and mutated requests, checked against the house rules.
 * docs/FUZZING.md explains the generators and how to rerun with another seed (FUZZ_SEED, FUZZ_RUNS).
 */
describe('fuzzing the partner routes', () => {
  let t: TestApp;
  const receiver = new WebhookReceiver();
  let ops: Operation[];

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', LOG_LEVEL: 'warn' } });
    ops = operationsOf((await http(t.url, 'GET', '/docs-json')).body).filter(
      (o) => !o.path.startsWith('/admin/'),
    );
  }, 180_000);
  afterAll(() => t.close(() => receiver.stop()));

  it('covers every route the server registered outside /admin, from the OpenAPI document', () => {
    const served = servedRoutes(t.app).filter((r) => !r.split(' ')[1].startsWith('/admin/'));
    expect(ops.map(routeKey).sort()).toEqual(served);
  });

  it('answers every generated request below 500, errors in the Solaris shape, 2xx as documented', async () => {
    const ctx = await partnerContext(t, `${receiver.url}/hook`);
    const run = new FuzzRun(t.url);
    await run.run(ops, ctx, fuzzRuns(6000));
    const withoutSchema = routesWithoutSchema(ops, 'partner');
    const notJson = Object.entries(PARTNER_NOT_JSON).map(([route, why]) => `${route} (${why})`);
    process.stdout.write(
      `${run.summary()}\npartner routes without a response schema: ${withoutSchema.length} of ` +
        `${ops.filter(isPartnerRoute).length} [${withoutSchema.join(', ')}]; not JSON by design: ${notJson.join('; ')}\n` +
        `2xx answers validated against their schema: ${[...run.validated2xx].map(([r, n]) => `${r} ${n}`).join('; ')}\n`,
    );
    expect({ seed: FUZZ_SEED, findings: [...run.findings.values()] }).toEqual({
      seed: FUZZ_SEED,
      findings: [],
    });
    expect(run.sent.size).toBe(ops.length);
  }, 600_000);
});
