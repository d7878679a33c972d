import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock } from '#kyc/common';
import {
  http,
  type HttpResult,
  PartnerFactory,
  PersonFactory,
  randomName,
  type TestPartner,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** "Today" is 2025-06-15 (UTC) for these apps, so date rules do not depend on when the suite runs. */
class FixedClock extends Clock {
  now(): Date {
    return new Date('2025-06-15T12:00:00Z');
  }
}
const TODAY = '2025-06-15';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface ErrorEntry {
  id: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  source?: { field: string; message: string };
}

async function countPersons(t: TestApp, partnerId: string): Promise<number> {
  const rows = await t.app
    .get(DataSource)
    .query<[{ n: number }]>('SELECT count(*)::int AS n FROM persons WHERE partner_id = $1', [partnerId]);
  return rows[0].n;
}

/** A Solaris error body: only `errors`, each entry with a fresh uuid and the HTTP status repeated. */
function errorsOf(res: HttpResult, status: number): ErrorEntry[] {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(['errors']);
  const errors = res.body.errors as ErrorEntry[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.id).toMatch(UUID);
    expect(e.status).toBe(status);
  }
  expect(new Set(errors.map((e) => e.id)).size).toBe(errors.length);
  return errors;
}

describe('POST /v1/persons validation', () => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock() });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  /** POST the body; expect 400 naming exactly these fields (in any order), and no new row for the partner. */
  async function expectRejected(
    body: unknown,
    fields: string[],
    code = 'validation_error',
  ): Promise<ErrorEntry[]> {
    const before = await countPersons(t, partner.partnerId);
    const res = await http(t.url, 'POST', '/v1/persons', { token: partner.token, body });
    const errors = errorsOf(res, 400);
    expect(errors.map((e) => e.source?.field).sort()).toEqual([...fields].sort());
    for (const e of errors) expect(e.code).toBe(code);
    expect(await countPersons(t, partner.partnerId)).toBe(before);
    return errors;
  }

  /** Send raw bytes; expect the status in the error shape, and no new row for the partner. */
  async function expectRawRejected(raw: string, contentType: string, status: number): Promise<ErrorEntry[]> {
    const before = await countPersons(t, partner.partnerId);
    const res = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      raw,
      headers: { 'content-type': contentType },
    });
    const errors = errorsOf(res, status);
    expect(await countPersons(t, partner.partnerId)).toBe(before);
    return errors;
  }

  const without = (field: string) => {
    const body = PersonFactory.body();
    delete body[field];
    return body;
  };
  const withAddress = (change: Record<string, unknown>) => {
    const body = PersonFactory.body();
    const address: Record<string, unknown> = { ...(body.address as object), ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete address[k];
    return { ...body, address };
  };

  it('accepts the valid base body, so every rejection below is caused by its one change', async () => {
    const before = await countPersons(t, partner.partnerId);
    const res = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      body: PersonFactory.body(),
    });
    expect(res.status).toBe(201);
    expect(await countPersons(t, partner.partnerId)).toBe(before + 1);
  });

  describe('mandatory fields', () => {
    it.each([
      'salutation',
      'first_name',
      'last_name',
      'birth_date',
      'nationality',
      'address',
      'mobile_number',
      'data_terms_signed_at',
      'terms_conditions_signed_at',
    ])('rejects a body without %s', async (field) => {
      const [e] = await expectRejected(without(field), [field]);
      expect(e?.source?.message).toBe('is required');
      expect(e?.detail).toBe(`${field} is required`);
    });

    it.each(['salutation', 'birth_date', 'nationality', 'mobile_number'])(
      'rejects %s set to null',
      async (field) => {
        await expectRejected(PersonFactory.body({ [field]: null }), [field]);
      },
    );

    it.each(['line_1', 'postal_code', 'city', 'country'])('rejects an address without %s', async (part) => {
      await expectRejected(withAddress({ [part]: undefined }), [`address.${part}`]);
    });

    it('accepts an address without line_2 and state', async () => {
      const res = await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: withAddress({ line_2: undefined }),
      });
      expect(res.status).toBe(201);
      expect(res.body.address).toEqual({
        line_1: 'Amrumerstrasse',
        line_2: null,
        postal_code: '13353',
        city: 'Berlin',
        country: 'DE',
        state: null,
      });
    });

    it('names every missing field at once', async () => {
      await expectRejected({ first_name: 'Jane', last_name: 'Doe' }, [
        'salutation',
        'birth_date',
        'nationality',
        'mobile_number',
        'data_terms_signed_at',
        'terms_conditions_signed_at',
        'address',
      ]);
    });
  });

  describe('names', () => {
    it.each([
      ['too long', 'A'.repeat(51)],
      ['leading whitespace', ' Jane'],
      ['an emoji', 'Jane😀'],
      ['a symbol', 'Jane$'],
      ['a digit', 'Jane2'],
      ['only blanks', '   '],
    ])('rejects a first_name with %s', async (_label, first_name) => {
      await expectRejected(PersonFactory.body({ first_name }), ['first_name']);
    });

    it.each([
      ['too long', 'B'.repeat(51)],
      ['leading whitespace', ' Doe'],
      ['an emoji', 'Doe🎉'],
      ['a symbol', 'Doe@home'],
    ])('rejects a last_name with %s', async (_label, last_name) => {
      await expectRejected(PersonFactory.body({ last_name }), ['last_name']);
    });

    it('tells what is wrong with the name', async () => {
      const [e] = await expectRejected(PersonFactory.body({ first_name: ' Jane' }), ['first_name']);
      expect(e?.source?.message).toBe('must not start with a whitespace');
      const [f] = await expectRejected(PersonFactory.body({ first_name: 'Jane😀' }), ['first_name']);
      expect(f?.source?.message).toBe('must not include any symbols or emojis');
    });

    it.each(['Zoë', 'Łukasz', "O'Brien", 'Anna-Lena', 'J. R.', 'Иван', '王小明', 'A'.repeat(50)])(
      'accepts the first_name %p',
      async (first_name) => {
        const res = await http(t.url, 'POST', '/v1/persons', {
          token: partner.token,
          body: PersonFactory.body({ first_name }),
        });
        expect(res.status).toBe(201);
        expect(res.body.first_name).toBe(first_name);
      },
    );
  });

  describe('formats', () => {
    it.each([
      ['not a date', 'eleventh of december'],
      ['a non-existent date', '2023-02-30'],
      ['another format', '11.12.1992'],
      ['in the future', '2030-01-01'],
      ['today', TODAY],
      ['before 1900', '1899-12-31'],
    ])('rejects a birth_date %s', async (_label, birth_date) => {
      await expectRejected(PersonFactory.body({ birth_date }), ['birth_date']);
    });

    it('accepts yesterday as birth_date', async () => {
      const res = await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: PersonFactory.body({ birth_date: '2025-06-14' }),
      });
      expect(res.status).toBe(201);
      expect(res.body.birth_date).toBe('2025-06-14');
    });

    it.each(['XX', 'de', 'DEU', 'Germany', ''])('rejects the nationality %p', async (nationality) => {
      await expectRejected(PersonFactory.body({ nationality }), ['nationality']);
    });

    it.each(['XX', 'de', 'DEU'])('rejects the address.country %p', async (country) => {
      await expectRejected(withAddress({ country }), ['address.country']);
    });

    it.each(['030 1234567', '+49 30 1234567', '0049301234567', '+49-30-1234567', '49301234567'])(
      'rejects the mobile_number %p',
      async (mobile_number) => {
        await expectRejected(PersonFactory.body({ mobile_number }), ['mobile_number']);
      },
    );

    it.each(['MRS', 'ms', 'MISS'])('rejects the salutation %p', async (salutation) => {
      await expectRejected(PersonFactory.body({ salutation }), ['salutation']);
    });

    it.each([
      ['terms_conditions_signed_at', '2022-01-01T00:00:00+02:00'],
      ['terms_conditions_signed_at', '2022-01-01T00:00:00'],
      ['data_terms_signed_at', '2022-01-01'],
      ['data_terms_signed_at', '2022-01-01T02:00:00-05:00'],
      ['data_terms_signed_at', '2022-02-30T00:00:00Z'],
    ])('rejects %s %p (not a UTC timestamp)', async (field, value) => {
      await expectRejected(PersonFactory.body({ [field]: value }), [field]);
    });

    it('accepts a +00:00 timestamp and answers it in Z form', async () => {
      const res = await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: PersonFactory.body({ terms_conditions_signed_at: '2022-01-01T10:00:00+00:00' }),
      });
      expect(res.status).toBe(201);
      expect(res.body.terms_conditions_signed_at).toBe('2022-01-01T10:00:00.000Z');
    });

    it('rejects an email that is not one', async () => {
      await expectRejected(PersonFactory.body({ email: 'jane-at-example' }), ['email']);
    });

    it('answers every invalid field at once, each with its own error id', async () => {
      const errors = await expectRejected(
        PersonFactory.body({ salutation: 'MRS', nationality: 'XX', mobile_number: '12' }),
        ['salutation', 'mobile_number', 'nationality'],
      );
      expect(new Set(errors.map((e) => e.id)).size).toBe(3);
    });
  });

  describe('shape and types', () => {
    it('rejects an unknown field, naming it', async () => {
      const [e] = await expectRejected(PersonFactory.body({ favourite_colour: 'blue' }), [
        'favourite_colour',
      ]);
      expect(e?.source?.message).toBe('is not an allowed field');
    });

    it('rejects an unknown field inside address, naming its path', async () => {
      await expectRejected(withAddress({ house_colour: 'blue' }), ['address.house_colour']);
    });

    it('rejects read-only fields a partner cannot set', async () => {
      await expectRejected(PersonFactory.body({ id: '0123456789abcdef0123456789abcdefcper' }), ['id']);
      await expectRejected(PersonFactory.body({ flagged_by_compliance: true }), ['flagged_by_compliance']);
      await expectRejected(PersonFactory.body({ screening_progress: 'SCREENED_ACCEPTED' }), [
        'screening_progress',
      ]);
    });

    it.each([
      ['first_name', 42],
      ['first_name', ['Jane']],
      ['fatca_relevant', 'true'],
      ['fatca_relevant', 1],
      ['address', 'Amrumerstrasse 14, Berlin'],
      ['expected_monthly_revenue_cents', '100'],
      ['expected_monthly_revenue_cents', 10.5],
      ['international_operativity_expectation', 'DE'],
      ['tax_information', 'MARRIED'],
    ])('rejects %s of the wrong type (%p)', async (field, value) => {
      await expectRejected(PersonFactory.body({ [field]: value }), [field]);
    });

    it('rejects an array body', async () => {
      const before = await countPersons(t, partner.partnerId);
      const res = await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: [PersonFactory.body()],
      });
      const [e] = errorsOf(res, 400);
      expect(e?.code).toBe('bad_request');
      expect(e?.detail).toBe('The request body must be a JSON object.');
      expect(await countPersons(t, partner.partnerId)).toBe(before);
    });

    it.each(['"a JSON string"', 'null', '42', 'true'])('rejects the JSON body %s', async (raw) => {
      const [e] = await expectRawRejected(raw, 'application/json', 400);
      expect(e?.detail).toBe('The request body must be a JSON object.');
    });

    it('rejects malformed JSON with 400, without echoing the parser message', async () => {
      const raw = JSON.stringify(PersonFactory.body()).slice(0, -5);
      const [e] = await expectRawRejected(raw, 'application/json', 400);
      expect(e).toMatchObject({ code: 'bad_request', detail: 'The request body is not valid JSON.' });
    });

    it('rejects an empty JSON body with 400', async () => {
      await expectRawRejected('', 'application/json', 400);
    });

    it.each(['text/plain', 'application/xml'])('rejects content-type %s with 415', async (type) => {
      const [e] = await expectRawRejected(JSON.stringify(PersonFactory.body()), type, 415);
      expect(e).toMatchObject({ code: 'unsupported_media_type', title: 'Unsupported Media Type' });
    });

    it('accepts application/json with a charset', async () => {
      const res = await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        raw: JSON.stringify(PersonFactory.body()),
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(res.status).toBe(201);
    });
  });

  describe('branch residency (default BRANCH_RESIDENCY_COUNTRIES {"null":["DE"]})', () => {
    it('rejects a residency in FR with the seed error text', async () => {
      const [e] = await expectRejected(withAddress({ country: 'FR' }), ['country'], 'invalid_model');
      const message =
        'Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE"]';
      expect(e).toEqual({
        id: expect.stringMatching(UUID),
        status: 400,
        code: 'invalid_model',
        title: 'Invalid Model',
        detail: `country ${message}`,
        source: { field: 'country', message },
      });
    });

    it('rejects an unknown branch', async () => {
      await expectRejected(PersonFactory.body({ branch: 'atlantis' }), ['branch'], 'invalid_model');
    });
  });

  describe('identical persons in sandbox mode (seed: more than 1000 answers 400)', () => {
    const identity = {
      first_name: 'Jane',
      last_name: 'Limitson',
      birth_date: '1992-12-11',
      birth_city: 'Berlin',
    };
    let limited: TestPartner;

    beforeAll(async () => {
      limited = await PartnerFactory.create(t);
      // 999 identical persons, written directly: the API would take minutes for that many.
      await t.app.get(DataSource).query(
        `INSERT INTO persons (id, partner_id, first_name, last_name, birth_date, birth_city, aml_confirmed_on)
         SELECT md5($1 || g::text) || 'cper', $1, $2, $3, $4::date, $5, $6::date FROM generate_series(1, 999) AS g`,
        [
          limited.partnerId,
          identity.first_name,
          identity.last_name,
          identity.birth_date,
          identity.birth_city,
          TODAY,
        ],
      );
      expect(await countPersons(t, limited.partnerId)).toBe(999);
    });

    const create = (p: TestPartner, overrides: Record<string, unknown>) =>
      http(t.url, 'POST', '/v1/persons', { token: p.token, body: PersonFactory.body(overrides) });

    it('creates the 1000th identical person and rejects the 1001st with 400, writing nothing', async () => {
      const thousandth = await create(limited, identity);
      expect(thousandth.status).toBe(201);
      expect(await countPersons(t, limited.partnerId)).toBe(1000);

      const rejected = await create(limited, identity);
      const [e] = errorsOf(rejected, 400);
      expect(e?.code).toBe('invalid_model');
      expect(e?.detail).toMatch(/1000/);
      expect(await countPersons(t, limited.partnerId)).toBe(1000);

      const again = await create(limited, identity);
      expect(again.status).toBe(400);
      expect(await countPersons(t, limited.partnerId)).toBe(1000);
    });

    it('still creates persons whose identity differs in any one part', async () => {
      for (const change of [
        { last_name: randomName() },
        { first_name: 'Janet' },
        { birth_date: '1992-12-12' },
        { birth_city: 'Hamburg' },
      ]) {
        const res = await create(limited, { ...identity, ...change });
        expect(res.status).toBe(201);
      }
      expect(await countPersons(t, limited.partnerId)).toBe(1004);
    });

    it('counts identical persons per partner', async () => {
      const res = await create(partner, identity);
      expect(res.status).toBe(201);
    });

    it('lets only one of many concurrent creates take the last free place', async () => {
      const racer = await PartnerFactory.create(t);
      const racing = { ...identity, last_name: 'Racer' };
      await t.app.get(DataSource).query(
        `INSERT INTO persons (id, partner_id, first_name, last_name, birth_date, birth_city)
         SELECT md5($1 || g::text) || 'cper', $1, $2, $3, $4::date, $5 FROM generate_series(1, 998) AS g`,
        [racer.partnerId, racing.first_name, racing.last_name, racing.birth_date, racing.birth_city],
      );
      const results = await Promise.all(Array.from({ length: 6 }, () => create(racer, racing)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 400, 400, 400, 400]);
      expect(await countPersons(t, racer.partnerId)).toBe(1000);
    });
  });
});

describe('POST /v1/persons with BRANCH_RESIDENCY_COUNTRIES {"null":["DE","FR"]}', () => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await startTestApp({
      clock: new FixedClock(),
      env: { BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE","FR"]}' },
    });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  it('accepts a residency in FR', async () => {
    const body = PersonFactory.body({
      address: { line_1: 'Rue de Rivoli', line_2: '1', postal_code: '75001', city: 'Paris', country: 'FR' },
    });
    const res = await http(t.url, 'POST', '/v1/persons', { token: partner.token, body });
    expect(res.status).toBe(201);
    expect(res.body.address.country).toBe('FR');
    expect(await countPersons(t, partner.partnerId)).toBe(1);
  });

  it('rejects a residency in IT with exactly the seed example error', async () => {
    const body = PersonFactory.body({
      address: { line_1: 'Via Roma', line_2: '1', postal_code: '00100', city: 'Roma', country: 'IT' },
    });
    const res = await http(t.url, 'POST', '/v1/persons', { token: partner.token, body });
    const [e, ...rest] = errorsOf(res, 400);
    expect(rest).toEqual([]);
    expect({ ...e, id: '24b0e02a-341d-40bc-9e52-0d9f8cc8c6eb' }).toEqual({
      id: '24b0e02a-341d-40bc-9e52-0d9f8cc8c6eb',
      status: 400,
      code: 'invalid_model',
      title: 'Invalid Model',
      detail:
        'country Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE", "FR"]',
      source: {
        field: 'country',
        message:
          'Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE", "FR"]',
      },
    });
    expect(await countPersons(t, partner.partnerId)).toBe(1);
  });
});

describe('POST /v1/persons with BODY_LIMIT_BYTES 2048', () => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(), env: { BODY_LIMIT_BYTES: '2048' } });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  it('accepts a body under the limit', async () => {
    const res = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      body: PersonFactory.body(),
    });
    expect(res.status).toBe(201);
  });

  it('answers a larger body with 413 in the error shape and writes nothing', async () => {
    const body = PersonFactory.body({ job_title: 'x'.repeat(3000) });
    expect(JSON.stringify(body).length).toBeGreaterThan(2048);
    const before = await countPersons(t, partner.partnerId);
    const res = await http(t.url, 'POST', '/v1/persons', { token: partner.token, body });
    const [e] = errorsOf(res, 413);
    expect(e).toMatchObject({ code: 'payload_too_large', title: 'Payload Too Large' });
    expect(await countPersons(t, partner.partnerId)).toBe(before);
  });
});
