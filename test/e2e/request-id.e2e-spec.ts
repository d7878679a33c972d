import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JobRunner } from '#kyc/jobs';
import { WebhookDeliveryWorker } from '#kyc/webhooks';
import {
  FakeClock,
  FakeIdnow,
  http,
  idnowResult,
  PartnerFactory,
  PersonFactory,
  StaffFactory,
  testLogFile,
  type TestPartner,
} from '#kyc/testing';
import { drainCallbacks } from '../support/callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JUSTIFICATION = 'Checked the report, the ID images and the face photo against the application.';

/** The test app's log lines (JSON) that name this request id. */
const logLines = (requestId: string) =>
  readFileSync(testLogFile(), 'utf8')
    .split('\n')
    .filter((l) => l.includes(requestId))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/**
 * The request id (X-Request-Id when safe, else generated) follows the work it causes: echoed, on every
 * log line of the request, on the audit row, on the outbox row and as X-Request-Id of the webhook it
 * causes; events of a stored callback name the callback's request, a job's events its run.
 */
describe('request id propagation', () => {
  let t: TestApp;
  let fake: FakeIdnow;
  let receiver: WebhookReceiver;
  let partner: TestPartner;
  const clock = new FakeClock(new Date('2026-11-27T08:00:00.000Z'));
  const ds = () => t.app.get(DataSource);
  const deliverAll = () => t.app.get(WebhookDeliveryWorker).drain();
  const webhooksFor = (entityId: string) =>
    receiver.deliveries().filter((r) => r.headers['solaris-entity-id'] === entityId);
  const outboxCauses = (entityId: string) =>
    ds().query<{ request_id: string | null; status: string }[]>(
      `SELECT request_id, payload->>'status' AS status FROM domain_events WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    );

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    fake = await new FakeIdnow().start();
    t = await startTestApp({
      clock,
      env: { IDNOW_BASE_URL: fake.url, SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
    });
    partner = await PartnerFactory.create(t);
    const sub = await http(t.url, 'POST', '/v1/webhooks', {
      token: partner.token,
      body: { event_type: 'IDENTIFICATION', url: `${receiver.url}/hook` },
    });
    expect(sub.status).toBe(201);
  }, 180_000);
  afterAll(() =>
    t.close(
      () => fake.stop(),
      () => receiver.stop(),
    ),
  );

  async function requested(requestId: string): Promise<{ id: string; path: string }> {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
    const id = created.body.id as string;
    const res = await http(t.url, 'PATCH', `${base}/${id}/request`, {
      token: partner.token,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    return { id, path: `${base}/${id}` };
  }

  it('follows a partner request, a callback and an officer decision into the webhooks they cause', async () => {
    const requestRid = `req-${randomUUID()}`;
    const { id } = await requested(requestRid);

    const callbackRid = `cb-${randomUUID()}`;
    const result = idnowResult(id, 'REVIEW_PENDING');
    fake.results.set(id, result);
    const cb = await http(t.url, 'POST', '/providers/idnow/callback', {
      body: result,
      headers: { 'x-request-id': callbackRid },
    });
    expect(cb.status).toBe(200);
    await drainCallbacks(t.app);

    const officer = await StaffFactory.session(t, 'compliance_officer');
    const caseRes = await http(t.url, 'GET', `/admin/review-cases/${id}`, { headers: officer.headers });
    const decideRid = `decide-${randomUUID()}`;
    const decided = await http(t.url, 'POST', `/admin/review-cases/${id}/decisions`, {
      headers: { ...officer.headers, 'x-request-id': decideRid },
      body: {
        action: 'approve',
        reason_code: 'PROVIDER_REVIEW_CONFIRMED',
        justification: JUSTIFICATION,
        version: caseRes.body.version,
      },
    });
    expect(decided.status).toBe(200);
    expect(decided.headers.get('x-request-id')).toBe(decideRid);

    // The outbox rows and the webhooks, in order: requested, the callback's review state, the decision.
    expect(await outboxCauses(id)).toEqual([
      { request_id: requestRid, status: 'pending' },
      { request_id: callbackRid, status: 'pending_successful' },
      { request_id: decideRid, status: 'successful' },
    ]);
    await deliverAll();
    const hooks = webhooksFor(id);
    expect(hooks.map((h) => [h.headers['x-request-id'], JSON.parse(h.body.toString()).status])).toEqual([
      [requestRid, 'pending'],
      [callbackRid, 'pending_successful'],
      [decideRid, 'successful'],
    ]);
    // The Solaris body is unchanged: the request id travels in the header only.
    for (const h of hooks) {
      expect(Object.keys(JSON.parse(h.body.toString())).sort()).toEqual([
        'completed_at',
        'id',
        'method',
        'person_id',
        'reference',
        'status',
        'url',
      ]);
    }

    // The audit row of the decision names the request.
    const audits = await ds().query<{ request_id: string }[]>(
      `SELECT request_id FROM audit_events WHERE action = 'identification.decided' AND entity_id = $1`,
      [id],
    );
    expect(audits).toEqual([{ request_id: decideRid }]);

    // The access log line carries it, and no line of another request does.
    const lines = logLines(decideRid);
    expect(lines).toContainEqual(
      expect.objectContaining({
        requestId: decideRid,
        msg: 'request completed',
        route: '/admin/review-cases/:id/decisions',
        status: 200,
      }),
    );
    for (const l of lines) expect(l.requestId).toBe(decideRid);
  });

  it("puts the request id on the lines a service writes through Nest's logger while handling it", async () => {
    const person = await PersonFactory.create(t, partner);
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'report.pdf');
    const uploaded = await fetch(`${t.url}/v1/persons/${person.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const documentId = ((await uploaded.json()) as { id: string }).id;
    const [row] = await ds().query<{ storage_key: string }[]>(
      `SELECT storage_key FROM documents WHERE id = $1`,
      [documentId],
    );
    const tampered = Buffer.from(PDF);
    tampered[10] ^= 0xff;
    writeFileSync(join(t.env.DATA_DIR, 'documents', row.storage_key), tampered);

    const rid = `doc-${randomUUID()}`;
    const res = await fetch(`${t.url}/v1/persons/${person.id}/documents/${documentId}/file`, {
      headers: { authorization: `Bearer ${partner.token}`, 'x-request-id': rid },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe(rid);
    // The storage's and the service's lines (Nest's Logger) and the error and access lines (req.log).
    const lines = logLines(rid);
    const integrity = readFileSync(testLogFile(), 'utf8')
      .split('\n')
      .filter((l) => l.includes(documentId) && l.includes('integrity'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(integrity.length).toBeGreaterThanOrEqual(1);
    for (const l of integrity) expect(l).toMatchObject({ requestId: rid, context: expect.any(String) });
    expect(lines.map((l) => l.msg)).toContainEqual('request completed');
    expect(lines.length).toBeGreaterThanOrEqual(integrity.length + 1);
  });

  it('replaces an unsafe X-Request-Id with a generated one, and records that one', async () => {
    const unsafe = 'bad id\twith "quotes"';
    const res = await fetch(`${t.url}/health`, { headers: { 'x-request-id': unsafe } });
    const echoed = res.headers.get('x-request-id')!;
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines(echoed)).toContainEqual(
      expect.objectContaining({ requestId: echoed, msg: 'request completed', route: '/health' }),
    );
    expect(readFileSync(testLogFile(), 'utf8')).not.toContain('bad id');
  });

  it('records the job run on the outbox rows a job writes, and sends it as X-Request-Id', async () => {
    const { id } = await requested(`req-${randomUUID()}`);
    fake.results.set(id, idnowResult(id, 'SUCCESS'));
    const slot = clock.set(new Date(clock.now().getTime() + 31 * 60_000));
    const run = await t.app.get(JobRunner).runSlot('missed_results', slot);
    expect(run).toMatchObject({ status: 'succeeded' });
    const causes = await outboxCauses(id);
    expect(causes.at(-1)).toEqual({ request_id: `job:missed_results:${run!.id}`, status: 'successful' });
    await deliverAll();
    expect(webhooksFor(id).at(-1)!.headers['x-request-id']).toBe(`job:missed_results:${run!.id}`);
  });
});
