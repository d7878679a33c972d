import fc from 'fast-check';
import { http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import type { TestApp } from '../test-app.js';
import type { FuzzContext } from './runner.js';

/** One partner's data: a person with an identification (requested at the sandbox) and a document. */
async function partnerData(t: TestApp, partner: TestPartner) {
  const person = await PersonFactory.create(t, partner, { first_name: 'X-MANUALTEST-HAPPYPATH' });
  const idt = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
    token: partner.token,
    body: { method: 'idnow', language: 'EN' },
  });
  const requested = await http(
    t.url,
    'PATCH',
    `/v1/persons/${person.id}/identifications/${idt.body.id}/request`,
    {
      token: partner.token,
    },
  );
  const form = new FormData();
  form.append('document_type', 'KYC_REPORT');
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'report.pdf');
  const doc = await fetch(`${t.url}/v1/persons/${person.id}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.token}` },
    body: form,
  });
  const reference = String(requested.body.reference ?? '');
  return {
    person: person.id,
    identification: String(idt.body.id),
    document: String(((await doc.json()) as { id: string }).id),
    txn: reference,
  };
}

/**
 * Two partners with data: A calls, B's ids are the "another tenant" ids. Every path parameter draws from
 * A's ids, B's ids, an unknown id of the right form and garbage.
 */
export async function partnerContext(t: TestApp, hookUrl: string): Promise<FuzzContext & { a: TestPartner }> {
  const [a, b] = await Promise.all([PartnerFactory.create(t), PartnerFactory.create(t)]);
  const [da, db] = [await partnerData(t, a), await partnerData(t, b)];
  const hook = await http(t.url, 'POST', '/v1/webhooks', {
    token: a.token,
    body: { event_type: 'PERSON_CHANGED', url: hookUrl },
  });
  const unknown = '0123456789abcdef0123456789abcdefcper';
  const txns = [da.txn, db.txn, 'unknown-txn'];
  const apiKey = t.env.IDNOW_API_KEY ?? '';
  const login = await http(t.url, 'POST', `/sandbox/idnow/api/v1/${t.env.IDNOW_COMPANY_ID}/login`, {
    body: { apiKey },
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    a,
    bodyLimit: t.env.BODY_LIMIT_BYTES,
    // Each token request verifies an argon2 hash (a dummy one for unknown clients): about 100 ms of CPU.
    weights: { 'POST /oauth/token': 1 },
    ids: {
      id: [
        da.person,
        db.person,
        da.identification,
        db.identification,
        da.document,
        String(hook.body.id),
        unknown,
      ],
      person_id: [da.person, db.person, unknown],
      companyId: [t.env.IDNOW_COMPANY_ID, 'othercompany'],
      txn: txns,
      secret: ['not-the-secret'],
    },
    examples: {
      'POST /v1/persons': [PersonFactory.body()],
      'PATCH /v1/persons/:id': [{ email: 'jane.doe@example.com', address: { line_2: '15' } }],
      'POST /v1/persons/:person_id/identifications': [{ method: 'idnow', language: 'EN' }],
      'POST /v1/webhooks': [{ event_type: 'IDENTIFICATION', url: hookUrl }],
      'POST /oauth/token': [
        { grant_type: 'client_credentials', client_id: a.clientId, client_secret: a.secret },
      ],
      'POST /providers/idnow/callback': [
        { identificationprocess: { transactionnumber: da.txn, result: 'SUCCESS' } },
      ],
      'POST /sandbox/idnow/api/v1/:companyId/login': [{ apiKey }],
      'POST /sandbox/idnow/admin/identifications/:txn/force': [
        { result: 'CANCELED', reason: 'TECH_LIGHTING' },
      ],
    },
    // Mostly partner A (so requests reach the handlers), sometimes B, the sandbox's own credentials, or none.
    auth: fc.oneof(
      { weight: 6, arbitrary: fc.constant(bearer(a.token)) },
      { weight: 1, arbitrary: fc.constant(bearer(b.token)) },
      {
        weight: 2,
        arbitrary: fc.constantFrom<Record<string, string>>(
          { 'x-api-key': apiKey, 'x-api-login-token': String(login.body.authToken ?? '') },
          { 'x-sandbox-admin-token': t.env.SANDBOX_ADMIN_TOKEN ?? '' },
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Record<string, string>>(
          {},
          { authorization: 'Bearer ' },
          { authorization: 'Bearer \u00ff\u00fe' },
          { authorization: `Basic ${Buffer.from(`${a.clientId}:${a.secret}`).toString('base64')}` },
          { authorization: 'Basic %%%' },
          { authorization: 'Bearer '.padEnd(9000, 'x') },
        ),
      },
    ),
  };
}
