import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SEED_IDENTIFICATION_KEYS = [
  'id',
  'reference',
  'url',
  'status',
  'completed_at',
  'method',
  'proof_of_address_type',
  'proof_of_address_issued_at',
  'language',
  'iban',
  'terms_and_conditions_signed_at',
  'authorization_expires_at',
  'confirmation_expires_at',
];

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

describe('identifications API (no provider involved)', () => {
  let t: TestApp;
  let partner: TestPartner;
  let other: TestPartner;
  let personId: string;
  const path = () => `/v1/persons/${personId}/identifications`;
  const count = async (sql: string, params: unknown[]) =>
    Number((await t.app.get(DataSource).query(sql, params))[0].n);

  beforeAll(async () => {
    // The provider is unreachable here: nothing in this file may contact it.
    t = await startTestApp({ env: { IDNOW_BASE_URL: 'http://127.0.0.1:9', SANDBOX_TICK_MS: '0' } });
    partner = await PartnerFactory.create(t);
    other = await PartnerFactory.create(t);
    personId = (await PersonFactory.create(t, partner)).id;
  });
  afterAll(() => t.close());

  it('creates an identification as the seed shows it, without calling the provider', async () => {
    const res = await http(t.url, 'POST', path(), {
      token: partner.token,
      body: {
        method: 'idnow',
        language: 'DE',
        proof_of_address_type: 'GAS_BILL',
        proof_of_address_issued_at: daysAgo(10),
      },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(SEED_IDENTIFICATION_KEYS));
    expect(res.body).toMatchObject({
      reference: null,
      url: null,
      status: 'created',
      completed_at: null,
      method: 'idnow',
      proof_of_address_type: 'GAS_BILL',
      proof_of_address_issued_at: daysAgo(10),
      language: 'DE',
      iban: null,
      failure_reason: null,
    });
    expect(res.body.id).toMatch(/^[0-9a-f]{32}cidt$/);
  });

  it("accepts the seed tutorial's minimal body", async () => {
    const res = await http(t.url, 'POST', path(), { token: partner.token, body: { method: 'idnow' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'created', language: null, proof_of_address_type: null });
  });

  it.each([
    [{}, 'method', /supported methods are: idnow/],
    [{ method: 'postident' }, 'method', /supported methods are: idnow/],
    [{ method: 'idnow', language: 'FR' }, 'language', /EN, DE/],
    [{ method: 'idnow', proof_of_address_type: 'GAS_BILL' }, 'proof_of_address_issued_at', /.+/],
    [{ method: 'idnow', proof_of_address_issued_at: daysAgo(3) }, 'proof_of_address_type', /.+/],
    [
      { method: 'idnow', proof_of_address_type: 'POSTCARD', proof_of_address_issued_at: daysAgo(3) },
      'proof_of_address_type',
      /.+/,
    ],
    [
      { method: 'idnow', proof_of_address_type: 'GAS_BILL', proof_of_address_issued_at: daysAgo(-3) },
      'proof_of_address_issued_at',
      /future/,
    ],
    [
      { method: 'idnow', proof_of_address_type: 'GAS_BILL', proof_of_address_issued_at: daysAgo(200) },
      'proof_of_address_issued_at',
      /6 months/,
    ],
    [
      { method: 'idnow', proof_of_address_type: 'GAS_BILL', proof_of_address_issued_at: '2026-02-30' },
      'proof_of_address_issued_at',
      /.+/,
    ],
    [{ method: 'idnow', iban: 'DE00' }, 'iban', /not an allowed field/],
    [{ method: 7 }, 'method', /.+/],
  ])('rejects %j with 400 on %s and writes nothing', async (body, field, message) => {
    const before = await count('SELECT count(*) AS n FROM identifications WHERE person_id = $1', [personId]);
    const res = await http(t.url, 'POST', path(), { token: partner.token, body });
    expect(res.status).toBe(400);
    const error = res.body.errors.find((e: { source?: { field: string } }) => e.source?.field === field);
    expect(error).toBeDefined();
    expect(error.detail).toMatch(message);
    expect(await count('SELECT count(*) AS n FROM identifications WHERE person_id = $1', [personId])).toBe(
      before,
    );
  });

  it('lists, retrieves (with documents on request) and lists supported documents', async () => {
    const created = await http(t.url, 'POST', path(), {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const list = await http(t.url, 'GET', path(), { token: partner.token });
    expect(list.status).toBe(200);
    expect(list.body.map((i: { id: string }) => i.id)).toContain(created.body.id);

    const one = await http(t.url, 'GET', `${path()}/${created.body.id}`, { token: partner.token });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: created.body.id, person_id: personId, status: 'created' });
    expect(one.body.documents).toBeUndefined();
    const withDocs = await http(t.url, 'GET', `${path()}/${created.body.id}?include_documents=true`, {
      token: partner.token,
    });
    expect(withDocs.body.documents).toEqual([]);
    const bad = await http(t.url, 'GET', `${path()}/${created.body.id}?include_documents=yes`, {
      token: partner.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].source.field).toBe('include_documents');

    const docs = await http(t.url, 'GET', `${path()}/${created.body.id}/supported_documents`, {
      token: partner.token,
    });
    expect(docs.status).toBe(200);
    const passport = docs.body.find((d: { type: string }) => d.type === 'PASSPORT');
    expect(passport.issuing_countries).toEqual(expect.arrayContaining(['DE', 'FR', 'US']));
    for (const d of docs.body) for (const c of d.issuing_countries) expect(c).toMatch(/^[A-Z]{2}$/);
  });

  it("answers 404 for another partner's person and identification, like unknown ids", async () => {
    const created = await http(t.url, 'POST', path(), { token: partner.token, body: { method: 'idnow' } });
    const urls = [
      ['POST', path()],
      ['GET', path()],
      ['GET', `${path()}/${created.body.id}`],
      ['PATCH', `${path()}/${created.body.id}/request`],
      ['GET', `${path()}/${created.body.id}/supported_documents`],
    ];
    for (const [method, url] of urls) {
      const res = await http(t.url, method, url, {
        token: other.token,
        body: method === 'POST' ? { method: 'idnow' } : undefined,
      });
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe('model_not_found');
    }
    const unknown = await http(t.url, 'GET', `${path()}/${'0'.repeat(32)}cidt`, { token: partner.token });
    expect(unknown.status).toBe(404);
  });

  it('keeps the identification created when the provider is down, and answers 503 in the error shape', async () => {
    const created = await http(t.url, 'POST', path(), { token: partner.token, body: { method: 'idnow' } });
    const res = await http(t.url, 'PATCH', `${path()}/${created.body.id}/request`, { token: partner.token });
    expect(res.status).toBe(503);
    expect(res.body.errors[0]).toMatchObject({ status: 503, code: 'service_unavailable' });
    const after = await http(t.url, 'GET', `${path()}/${created.body.id}`, { token: partner.token });
    expect(after.body).toMatchObject({ status: 'created', url: null, reference: null });
    expect(
      await count('SELECT count(*) AS n FROM identification_events WHERE identification_id = $1', [
        created.body.id,
      ]),
    ).toBe(1);
    expect(
      await count('SELECT count(*) AS n FROM domain_events WHERE entity_id = $1', [created.body.id]),
    ).toBe(0);
  });

  it('refuses to request a final identification with a clear 4xx', async () => {
    const created = await http(t.url, 'POST', path(), { token: partner.token, body: { method: 'idnow' } });
    await t.app
      .get(DataSource)
      .query(`UPDATE identifications SET status = 'failed' WHERE id = $1`, [created.body.id]);
    const res = await http(t.url, 'PATCH', `${path()}/${created.body.id}/request`, { token: partner.token });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('invalid_status_transition');
    expect(res.body.errors[0].detail).toMatch(/failed/);
  });

  it('keeps status events append-only in the database', async () => {
    const ds = t.app.get(DataSource);
    await expect(ds.query(`UPDATE identification_events SET actor = 'staff'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM identification_events`)).rejects.toThrow(/append-only/);
  });
});
