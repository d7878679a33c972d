import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, type HttpResult, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Bugs the fuzzer (test/e2e/fuzz-*.e2e-spec.ts) found, each pinned by the request that showed it. */
describe('fuzz regressions', () => {
  let t: TestApp;
  let a: TestPartner;
  let personId: string;
  const callbacks = async () =>
    Number(
      (await t.app.get(DataSource).query<{ n: string }[]>(`SELECT count(*) AS n FROM provider_callbacks`))[0]
        .n,
    );

  /** One Solaris error entry with the status and code, and the field it names. */
  function oneError(res: HttpResult, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['errors']);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ status, code });
    return res.body.errors[0] as { detail: string; source?: { field: string; message: string } };
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await PartnerFactory.create(t);
    personId = (await PersonFactory.create(t, a)).id;
  }, 180_000);
  afterAll(() => t.close());

  it('nul in a path id: answers 400 naming the parameter, not a 500 from the database', async () => {
    const res = await http(t.url, 'GET', '/v1/persons/%00/identifications', { token: a.token });
    expect(oneError(res, 400, 'validation_error').source).toEqual({
      field: 'person_id',
      message: 'must be valid Unicode text without NUL characters',
    });
    const nested = await http(t.url, 'PATCH', `/v1/persons/${personId}/identifications/a%00b/request`, {
      token: a.token,
    });
    expect(oneError(nested, 400, 'validation_error').source?.field).toBe('id');
  });

  it('nul in a query parameter: answers 400 naming it', async () => {
    const res = await http(t.url, 'GET', '/v1/webhooks?page[size]=1%00', { token: a.token });
    expect(oneError(res, 400, 'validation_error').source?.field).toBe('page[size]');
  });

  it('nul in a key of the IDnow callback body: answers 400 and stores no callback', async () => {
    const before = await callbacks();
    const res = await http(t.url, 'POST', '/providers/idnow/callback', {
      raw: '{"identificationprocess":{"transactionnumber":"TST-NUL","result":"SUCCESS","\\u0000":"x"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(oneError(res, 400, 'validation_error').source?.field).toBe('identificationprocess');
    expect(await callbacks()).toBe(before);
  });

  it('lone surrogate in the IDnow callback body: answers 400 and stores no callback (jsonb refuses it)', async () => {
    const before = await callbacks();
    const res = await http(t.url, 'POST', '/providers/idnow/callback', {
      raw: '{"identificationprocess":{"transactionnumber":"TST-SUR","result":"SUCCESS","note":["ok","\\ud800"]}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(oneError(res, 400, 'validation_error').source?.field).toBe('identificationprocess.note[1]');
    expect(await callbacks()).toBe(before);
    // A well-formed pair (an emoji) is still accepted.
    const ok = await http(t.url, 'POST', '/providers/idnow/callback', {
      raw: '{"identificationprocess":{"transactionnumber":"TST-EMOJI","result":"SUCCESS","note":"\\ud83d\\ude00"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(200);
  });

  it('url or headers past the size limit: answers 431 in the Solaris shape, not Fastify’s own body', async () => {
    const longUrl = await http(t.url, 'GET', `/v1/persons/${personId}?q=${'A'.repeat(20_000)}`, {
      token: a.token,
    });
    const e = oneError(longUrl, 431, 'request_header_fields_too_large');
    expect(e.detail).toBe('The request line or headers are larger than the allowed limit.');
    const longHeader = await http(t.url, 'GET', `/v1/persons/${personId}`, {
      headers: { authorization: `Bearer ${'x'.repeat(20_000)}` },
    });
    oneError(longHeader, 431, 'request_header_fields_too_large');
  });
});
