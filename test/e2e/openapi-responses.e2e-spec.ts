import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { schemaErrors, undescribed } from '../support/fuzz/checks.js';
import {
  ADMIN_NOT_JSON,
  isAdminRoute,
  isPartnerRoute,
  type Operation,
  operationsOf,
  PARTNER_NOT_JSON,
  routesWithoutSchema,
  routeKey,
} from '../support/fuzz/operations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Every partner and admin 2xx is described in /docs-json, and real answers keep to those descriptions. */
describe('OpenAPI response schemas of the partner API', () => {
  let t: TestApp;
  let partner: TestPartner;
  let ops: Operation[];
  const receiver = new WebhookReceiver();

  /** The ajv errors of an answer against its route's documented schema ('' when valid). */
  const errorsOf = (method: string, path: string, res: { status: number; body: unknown }) => {
    const op = ops.find((o) => routeKey(o) === `${method} ${path}`);
    const schema = op?.responses[String(res.status)];
    if (!schema) return `no ${res.status} schema for ${method} ${path}`;
    const extra = undescribed(schema, res.body);
    return schemaErrors(schema, res.body) ?? (extra.length ? `undescribed fields: ${extra.join(', ')}` : '');
  };

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', SANDBOX_TICK_MS: '0' } });
    ops = operationsOf((await http(t.url, 'GET', '/docs-json')).body);
    partner = await PartnerFactory.create(t);
  }, 180_000);
  afterAll(() => t.close(() => receiver.stop()));

  it('documents a 2xx response schema for every partner route but the listed non-JSON ones', () => {
    const partnerRoutes = ops.filter(isPartnerRoute).map(routeKey);
    expect(partnerRoutes.length).toBeGreaterThan(15);
    expect(routesWithoutSchema(ops, 'partner')).toEqual([]);
    // The exceptions are real routes, so the list cannot go stale unnoticed.
    for (const route of Object.keys(PARTNER_NOT_JSON)) expect(partnerRoutes).toContain(route);
  });

  it('documents a 2xx response schema for every admin route but the listed non-JSON ones', () => {
    // Each e2e test's answers are held to these schemas (test/support/response-contract.ts).
    const adminRoutes = ops.filter(isAdminRoute).map(routeKey);
    expect(adminRoutes.length).toBeGreaterThan(70);
    expect(routesWithoutSchema(ops, 'admin')).toEqual([]);
    for (const route of Object.keys(ADMIN_NOT_JSON)) expect(adminRoutes).toContain(route);
  });

  it('a token answer validates against its schema', async () => {
    const res = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    expect(res.status).toBe(200);
    expect(errorsOf('POST', '/oauth/token', res)).toBe('');
  });

  it('real person answers validate against their schemas', async () => {
    const created = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      body: PersonFactory.body({ title: 'DR', employment_status: 'EMPLOYED', fatca_relevant: false }),
    });
    expect(created.status).toBe(201);
    expect(errorsOf('POST', '/v1/persons', created)).toBe('');
    const id = created.body.id as string;
    const got = await http(t.url, 'GET', `/v1/persons/${id}`, { token: partner.token });
    expect(errorsOf('GET', '/v1/persons/:id', got)).toBe('');
    const updated = await http(t.url, 'PATCH', `/v1/persons/${id}`, {
      token: partner.token,
      body: { email: 'jane@example.com' },
    });
    expect(updated.status).toBe(200);
    expect(errorsOf('PATCH', '/v1/persons/:id', updated)).toBe('');
  });

  it('real identification and document answers validate against their schemas', async () => {
    const personId = (await PersonFactory.create(t, partner)).id;
    const base = `/v1/persons/${personId}/identifications`;
    const route = '/v1/persons/:person_id/identifications';
    const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
    expect(created.status).toBe(201);
    expect(errorsOf('POST', route, created)).toBe('');
    const id = created.body.id as string;
    const requested = await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token });
    expect(requested.status).toBe(200);
    expect(errorsOf('PATCH', `${route}/:id/request`, requested)).toBe('');

    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'report.pdf');
    const docs = `/v1/persons/${personId}/documents`;
    const res = await fetch(t.url + docs, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    const uploaded = { status: res.status, body: (await res.json()) as { id: string } };
    expect(uploaded.status).toBe(201);
    expect(errorsOf('POST', '/v1/persons/:person_id/documents', uploaded)).toBe('');

    const answers: [string, string][] = [
      [`${base}/${id}?include_documents=true`, `${route}/:id`],
      [`${base}/${id}`, `${route}/:id`],
      [base, route],
      [`${base}/${id}/supported_documents`, `${route}/:id/supported_documents`],
      [docs, '/v1/persons/:person_id/documents'],
      [`${docs}/${uploaded.body.id}`, '/v1/persons/:person_id/documents/:id'],
    ];
    for (const [url, documented] of answers) {
      const answer = await http(t.url, 'GET', url, { token: partner.token });
      expect([url, answer.status, errorsOf('GET', documented, answer)]).toEqual([url, 200, '']);
    }
    const removed = await http(t.url, 'DELETE', `${docs}/${uploaded.body.id}`, { token: partner.token });
    expect(errorsOf('DELETE', '/v1/persons/:person_id/documents/:id', removed)).toBe('');
  });

  it('real webhook answers validate against their schemas', async () => {
    const created = await http(t.url, 'POST', '/v1/webhooks', {
      token: partner.token,
      body: { event_type: 'IDENTIFICATION', url: `${receiver.url}/hook` },
    });
    expect(created.status).toBe(201);
    expect(errorsOf('POST', '/v1/webhooks', created)).toBe('');
    const one = await http(t.url, 'GET', `/v1/webhooks/${created.body.id}`, { token: partner.token });
    expect(errorsOf('GET', '/v1/webhooks/:id', one)).toBe('');
    const list = await http(t.url, 'GET', '/v1/webhooks', { token: partner.token });
    expect(errorsOf('GET', '/v1/webhooks', list)).toBe('');
    // The schema really checks: a body with a wrong field fails it.
    expect(
      errorsOf('GET', '/v1/webhooks/:id', { ...one, body: { ...one.body, event_type: 'NOPE' } }),
    ).toMatch(/event_type/);
  });
});
