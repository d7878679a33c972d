import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  http,
  type HttpResult,
  PartnerFactory,
  PersonFactory,
  type TestPartner,
  testLogFile,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '0123456789abcdef0123456789abcdefcper';

interface ErrorEntry {
  id: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  source?: { field: string; message: string };
}

/** The Solaris error body: only `errors`, each entry with exactly the documented keys and a uuid. */
function errorsOf(res: HttpResult, status: number): ErrorEntry[] {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(['errors']);
  const errors = res.body.errors as ErrorEntry[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(
      Object.keys(e)
        .filter((k) => k !== 'source')
        .sort(),
    ).toEqual(['code', 'detail', 'id', 'status', 'title']);
    expect(e.id).toMatch(UUID);
    expect(e.status).toBe(status);
  }
  return errors;
}

/** A 404 body with its variable parts (error id, the requested id) taken out, for comparison. */
function normalised404(res: HttpResult, requestedId: string) {
  const errors = errorsOf(res, 404);
  return {
    contentType: res.headers.get('content-type'),
    errors: errors.map((e) => ({ ...e, id: '<uuid>', detail: e.detail.replace(requestedId, '<id>') })),
  };
}

const logFile = () => testLogFile();

describe('tenant isolation', () => {
  let t: TestApp;
  let a: TestPartner;
  let b: TestPartner;
  let person: { id: string } & Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    [a, b] = await Promise.all([PartnerFactory.create(t), PartnerFactory.create(t)]);
    person = await PersonFactory.create(t, a);
  });
  afterAll(() => t.close());

  it("lets partner A read its own person, and answers partner B's GET with 404 exactly as for an unknown id", async () => {
    expect((await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: a.token })).status).toBe(200);

    const foreign = await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: b.token });
    const unknown = await http(t.url, 'GET', `/v1/persons/${UNKNOWN_ID}`, { token: b.token });
    const [e] = errorsOf(foreign, 404);
    expect(e).toEqual({
      id: expect.stringMatching(UUID),
      status: 404,
      code: 'model_not_found',
      title: 'Model Not Found',
      detail: `Couldn't find 'Person' for id '${person.id}'.`,
    });
    expect(normalised404(foreign, person.id)).toEqual(normalised404(unknown, UNKNOWN_ID));
    expect(JSON.stringify(foreign.body)).not.toContain(String(person.last_name));
  });

  it("answers partner B's PATCH with the same 404 and leaves A's person unchanged", async () => {
    const before = await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: a.token });
    const foreign = await http(t.url, 'PATCH', `/v1/persons/${person.id}`, {
      token: b.token,
      body: { email: 'attacker@example.com', address: { city: 'Elsewhere' } },
    });
    const unknown = await http(t.url, 'PATCH', `/v1/persons/${UNKNOWN_ID}`, {
      token: b.token,
      body: { email: 'attacker@example.com', address: { city: 'Elsewhere' } },
    });
    expect(normalised404(foreign, person.id)).toEqual(normalised404(unknown, UNKNOWN_ID));
    const after = await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: a.token });
    expect(after.body).toStrictEqual(before.body);
    expect(after.body.email).toBeNull();
  });

  it("does not reveal whether B's PATCH body would have been valid for A's person", async () => {
    // Validation runs first for everyone: an invalid body is 400 for any id, a valid one is 404 for foreign ids.
    const invalidForeign = await http(t.url, 'PATCH', `/v1/persons/${person.id}`, {
      token: b.token,
      body: { first_name: 'Eve' },
    });
    const invalidUnknown = await http(t.url, 'PATCH', `/v1/persons/${UNKNOWN_ID}`, {
      token: b.token,
      body: { first_name: 'Eve' },
    });
    expect(invalidForeign.status).toBe(400);
    expect(invalidUnknown.status).toBe(400);
    expect(invalidForeign.body.errors.map((e: ErrorEntry) => ({ ...e, id: '' }))).toEqual(
      invalidUnknown.body.errors.map((e: ErrorEntry) => ({ ...e, id: '' })),
    );
  });

  it('answers an id longer than the router allows with 414 in the error shape', async () => {
    const res = await http(t.url, 'GET', `/v1/persons/${'a'.repeat(300)}`, { token: a.token });
    const [e] = errorsOf(res, 414);
    expect(e).toMatchObject({ code: 'uri_too_long', title: 'URI Too Long' });
    expect(e?.detail).not.toContain('aaaa');
  });

  it('answers a path that is not valid percent-encoding with 400 in the error shape', async () => {
    const res = await http(t.url, 'GET', '/v1/persons/%E0%A4%A', { token: a.token });
    const [e] = errorsOf(res, 400);
    expect(e).toMatchObject({ code: 'bad_request', title: 'Bad Request' });
    expect(e?.detail).not.toContain('%E0');
  });

  it('lets each partner see only its own persons', async () => {
    const mine = await PersonFactory.create(t, b);
    expect((await http(t.url, 'GET', `/v1/persons/${mine.id}`, { token: b.token })).status).toBe(200);
    expect((await http(t.url, 'GET', `/v1/persons/${mine.id}`, { token: a.token })).status).toBe(404);
  });

  it.each([
    ['a malformed id', 'not-a-person-id'],
    ['an id of the wrong kind', '0123456789abcdef0123456789abcdefcidt'],
    ['an id with odd characters', "x'%22%3Cscript%3E"],
    ['a long id', 'a'.repeat(100)],
  ])('answers %s with the same 404 format, echoing only id-like characters', async (_label, id) => {
    const res = await http(t.url, 'GET', `/v1/persons/${id}`, { token: a.token });
    const [e] = errorsOf(res, 404);
    expect(e).toMatchObject({ code: 'model_not_found', title: 'Model Not Found' });
    expect(e?.detail).toMatch(/^Couldn't find 'Person' for id '[A-Za-z0-9_-]{0,64}(…)?'\.$/);
  });
});

describe('error responses', () => {
  let t: TestApp;
  let partner: TestPartner;
  let person: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    partner = await PartnerFactory.create(t);
    person = await PersonFactory.create(t, partner);
  });
  afterAll(() => t.close());

  it.each([
    ['GET', '/v1/nothing-here'],
    ['GET', '/v2/persons'],
    ['POST', '/v1/persons/some-id/unknown'],
    ['GET', '/'],
  ])('answers an unknown route %s %s with 404 in the error shape', async (method, path) => {
    const res = await http(t.url, method, path, { token: partner.token });
    const [e] = errorsOf(res, 404);
    expect(e).toMatchObject({
      code: 'not_found',
      title: 'Not Found',
      detail: 'The requested resource does not exist.',
    });
  });

  it.each([
    ['DELETE', '/v1/persons/{id}'],
    ['PUT', '/v1/persons/{id}'],
    ['POST', '/v1/persons/{id}'],
    ['DELETE', '/v1/persons'],
    ['GET', '/oauth/token'],
  ])('answers the wrong method %s %s with 405 in the error shape', async (method, path) => {
    const res = await http(t.url, method, path.replace('{id}', person.id), { token: partner.token });
    const [e] = errorsOf(res, 405);
    expect(e).toMatchObject({ code: 'method_not_allowed', title: 'Method Not Allowed' });
    // The person is still there after a DELETE attempt.
    expect((await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: partner.token })).status).toBe(200);
  });

  it('gives every error entry its own uuid, across responses and within one', async () => {
    const responses = await Promise.all([
      http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: { first_name: ' Jane', salutation: 'MRS' },
      }),
      http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: { first_name: ' Jane', salutation: 'MRS' },
      }),
      http(t.url, 'GET', `/v1/persons/${UNKNOWN_ID}`, { token: partner.token }),
      http(t.url, 'GET', `/v1/persons/${UNKNOWN_ID}`, { token: partner.token }),
      http(t.url, 'DELETE', `/v1/persons/${person.id}`, { token: partner.token }),
      http(t.url, 'GET', '/v1/nothing-here'),
      http(t.url, 'GET', `/v1/persons/${person.id}`),
      http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        raw: '{"first_name":',
        headers: { 'content-type': 'application/json' },
      }),
    ]);
    const ids = responses.flatMap((r) => (r.body.errors as ErrorEntry[]).map((e) => e.id));
    expect(responses[0]?.body.errors.length).toBeGreaterThan(5);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the id of every error entry to the log, so support can find what a caller quotes', async () => {
    const responses = [
      await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: { first_name: ' Jane', salutation: 'MRS' },
      }),
      await http(t.url, 'GET', `/v1/persons/${UNKNOWN_ID}`, { token: partner.token }),
      await http(t.url, 'DELETE', `/v1/persons/${person.id}`, { token: partner.token }),
      await http(t.url, 'GET', '/v1/persons/x', {
        headers: { authorization: 'Bearer nonsense-token-value' },
      }),
      await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        raw: 'name=Jane',
        headers: { 'content-type': 'text/plain' },
      }),
      await http(t.url, 'GET', `/v1/persons/${'b'.repeat(300)}`, { token: partner.token }),
    ];
    const ids = responses.flatMap((r) => (r.body.errors as ErrorEntry[]).map((e) => e.id));
    expect(ids.length).toBeGreaterThan(5);
    const log = readFileSync(logFile(), 'utf8');
    for (const id of ids) expect(log).toContain(id);
  });
});

describe('personal data in the log', () => {
  let t: TestApp;
  let partner: TestPartner;
  let other: TestPartner;

  // Values that occur nowhere else, so finding one in the log can only mean it leaked.
  const pii = {
    first_name: 'Quirinalda',
    last_name: 'Zwetschkenbaum',
    birth_date: '1937-04-23',
    mobile_number: '+4917398765432',
    street: 'Quokkastrasse',
    email: 'quirinalda.zwetschkenbaum@example.org',
    city: 'Wolpertingerhausen',
  };

  beforeAll(async () => {
    // The most verbose level: nothing personal may be logged at any level.
    t = await startTestApp({ env: { LOG_LEVEL: 'trace' } });
    [partner, other] = await Promise.all([PartnerFactory.create(t), PartnerFactory.create(t)]);
  });
  afterAll(() => t.close());

  it('never writes first or last name, birth date, phone, street, email or city to the log', async () => {
    const body = PersonFactory.body({
      first_name: pii.first_name,
      last_name: pii.last_name,
      birth_date: pii.birth_date,
      mobile_number: pii.mobile_number,
      address: { line_1: pii.street, line_2: '7', postal_code: '10115', city: pii.city, country: 'DE' },
    });
    const created = await http(t.url, 'POST', '/v1/persons', { token: partner.token, body });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const traceId = `pii-check-${id.slice(0, 12)}`;

    // Every path the data can travel: reads, updates, rejections of each kind, foreign access.
    const statuses = [
      (
        await http(t.url, 'GET', `/v1/persons/${id}`, {
          token: partner.token,
          headers: { 'x-request-id': traceId },
        })
      ).status,
      (await http(t.url, 'PATCH', `/v1/persons/${id}`, { token: partner.token, body: { email: pii.email } }))
        .status,
      (
        await http(t.url, 'PATCH', `/v1/persons/${id}`, {
          token: partner.token,
          body: { first_name: pii.first_name },
        })
      ).status,
      (
        await http(t.url, 'PATCH', `/v1/persons/${id}`, {
          token: partner.token,
          body: { address: { line_1: pii.street, country: 'FR' } },
        })
      ).status,
      (await http(t.url, 'PATCH', `/v1/persons/${id}`, { token: other.token, body: { email: pii.email } }))
        .status,
      (
        await http(t.url, 'POST', '/v1/persons', {
          token: partner.token,
          body: {
            ...body,
            first_name: ` ${pii.first_name}`,
            last_name: `${pii.last_name}😀`,
            birth_date: '2999-01-01',
          },
        })
      ).status,
      (
        await http(t.url, 'POST', '/v1/persons', {
          token: partner.token,
          body: { ...body, mobile_number: `0${pii.mobile_number}` },
        })
      ).status,
      (
        await http(t.url, 'POST', '/v1/persons', {
          token: partner.token,
          raw: JSON.stringify(body).slice(0, -3),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
      (
        await http(t.url, 'POST', '/v1/persons', {
          token: partner.token,
          raw: JSON.stringify(body),
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
      (await http(t.url, 'POST', '/v1/persons', { body })).status,
    ];
    expect(statuses).toEqual([200, 200, 400, 400, 404, 400, 400, 400, 415, 401]);

    const log = readFileSync(logFile(), 'utf8');
    // The requests above were logged (so the file is the right one and the check below means something).
    expect(log).toContain(traceId);
    for (const [what, value] of Object.entries(pii)) {
      expect({ what, found: log.includes(value) }).toEqual({ what, found: false });
    }
    expect(log).not.toContain(pii.mobile_number.slice(1));
    expect(log).not.toContain(pii.birth_date.replaceAll('-', ''));
  });
});
