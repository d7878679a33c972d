import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '#kyc/common';
import { http, type HttpResult, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A clock the test sets, so "today" and "tomorrow" do not depend on when the suite runs. */
class SettableClock extends Clock {
  constructor(public iso: string) {
    super();
  }
  now(): Date {
    return new Date(this.iso);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Person = { id: string } & Record<string, any>;

describe('PATCH /v1/persons/{id}', () => {
  let t: TestApp;
  let partner: TestPartner;
  const clock = new SettableClock('2025-06-15T12:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  const create = (overrides: Record<string, unknown> = {}) =>
    PersonFactory.create(t, partner, overrides) as Promise<Person>;
  const patch = (id: string, body: unknown, token = partner.token) =>
    http(t.url, 'PATCH', `/v1/persons/${id}`, { token, body });
  const get = async (id: string, token = partner.token): Promise<Person> => {
    const res = await http(t.url, 'GET', `/v1/persons/${id}`, { token });
    expect(res.status).toBe(200);
    return res.body as Person;
  };

  /** 400 naming exactly these fields (any order), and the stored person unchanged. */
  async function expectRejected(person: Person, body: unknown, fields: string[], code = 'validation_error') {
    const res = await patch(person.id, body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['errors']);
    const errors = res.body.errors as {
      id: string;
      status: number;
      code: string;
      source?: { field: string; message: string };
    }[];
    expect(errors.map((e) => e.source?.field).sort()).toEqual([...fields].sort());
    for (const e of errors) {
      expect(e.id).toMatch(UUID);
      expect(e.status).toBe(400);
      expect(e.code).toBe(code);
    }
    expect(await get(person.id)).toStrictEqual(person);
    return errors;
  }

  /** 200 with the person as before plus exactly these changes, and GET agrees. */
  async function expectUpdated(
    person: Person,
    body: Record<string, unknown>,
    changes: Record<string, unknown>,
  ): Promise<Person> {
    const res: HttpResult = await patch(person.id, body);
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual({ ...person, ...changes });
    expect(await get(person.id)).toStrictEqual(res.body);
    return res.body as Person;
  }

  describe('updatable fields', () => {
    it('merges a partial address into the stored one', async () => {
      const p = await create();
      await expectUpdated(
        p,
        { address: { city: 'Hamburg', postal_code: '20095' } },
        {
          address: {
            line_1: 'Amrumerstrasse',
            line_2: '14',
            postal_code: '20095',
            city: 'Hamburg',
            country: 'DE',
            state: null,
          },
        },
      );
    });

    it('clears an address part set to null and keeps the others', async () => {
      const p = await create();
      await expectUpdated(
        p,
        { address: { line_2: null, state: 'BE' } },
        {
          address: {
            line_1: 'Amrumerstrasse',
            line_2: null,
            postal_code: '13353',
            city: 'Berlin',
            country: 'DE',
            state: 'BE',
          },
        },
      );
    });

    it('sets a contact address part by part', async () => {
      const p = await create();
      const q = await expectUpdated(
        p,
        { contact_address: { line_1: 'Postfach 12', city: 'Bonn' } },
        {
          contact_address: {
            line_1: 'Postfach 12',
            line_2: null,
            postal_code: null,
            city: 'Bonn',
            country: null,
            state: null,
          },
        },
      );
      await expectUpdated(
        q,
        { contact_address: { country: 'AT' } },
        {
          contact_address: {
            line_1: 'Postfach 12',
            line_2: null,
            postal_code: null,
            city: 'Bonn',
            country: 'AT',
            state: null,
          },
        },
      );
    });

    it('merges tax_information and resets it with null', async () => {
      const p = await create();
      const q = await expectUpdated(
        p,
        { tax_information: { marital_status: 'MARRIED' } },
        {
          tax_information: { tax_assessment: null, marital_status: 'MARRIED' },
        },
      );
      const r = await expectUpdated(
        q,
        { tax_information: { tax_assessment: 'JOINT' } },
        {
          tax_information: { tax_assessment: 'JOINT', marital_status: 'MARRIED' },
        },
      );
      await expectUpdated(
        r,
        { tax_information: null },
        { tax_information: { tax_assessment: null, marital_status: 'UNKNOWN' } },
      );
    });

    it('sets an email and clears it with null', async () => {
      const p = await create();
      const q = await expectUpdated(p, { email: 'jane.doe@example.com' }, { email: 'jane.doe@example.com' });
      await expectUpdated(q, { email: null }, { email: null });
    });

    it('updates many updatable fields in one request', async () => {
      const p = await create();
      const q = await expectUpdated(
        p,
        {
          title: 'PROF',
          salutation: 'MR',
          employment_status: 'EMPLOYED',
          job_title: 'Pilot',
          fatca_relevant: true,
          fatca_crs_confirmed_at: '2025-06-01T08:00:00Z',
          business_purpose: 'Consulting',
          own_economic_interest_signed_at: '2025-06-02T08:00:00+00:00',
          expected_monthly_revenue_cents: 500000,
          vat_number: 'DE123456789',
          website_social_media: 'https://example.com',
          business_trading_name: 'Doe Consulting',
          business_address_line_1: 'Hauptstrasse 1',
          business_postal_code: '10115',
          business_city: 'Berlin',
          business_country: 'DE',
          annual_income_range: '50000-75000',
          data_terms_signed_at: '2025-06-03T00:00:00Z',
          birth_province: 'Bayern',
          birth_post_code: '80331',
          socioprofessional_category: 'Employee',
          purpose_of_account_opening: 'Salary',
          main_income_source: 'Employment',
          work_country: 'AT',
          work_province: 'Tirol',
          self_declared_as_pep: false,
          international_operativity_expectation: ['DE', 'FR'],
          registration_number: 'HRB 12345',
        },
        {
          title: 'PROF',
          salutation: 'MR',
          employment_status: 'EMPLOYED',
          job_title: 'Pilot',
          fatca_relevant: true,
          fatca_crs_confirmed_at: '2025-06-01T08:00:00.000Z',
          business_purpose: 'Consulting',
          own_economic_interest_signed_at: '2025-06-02T08:00:00.000Z',
          expected_monthly_revenue_cents: 500000,
          vat_number: 'DE123456789',
          website_social_media: 'https://example.com',
          business_trading_name: 'Doe Consulting',
          business_address_line_1: 'Hauptstrasse 1',
          business_postal_code: '10115',
          business_city: 'Berlin',
          business_country: 'DE',
          annual_income_range: '50000-75000',
          data_terms_signed_at: '2025-06-03T00:00:00.000Z',
          birth_province: 'Bayern',
          birth_post_code: '80331',
          socioprofessional_category: 'Employee',
          purpose_of_account_opening: 'Salary',
          main_income_source: 'Employment',
          work_country: 'AT',
          work_province: 'Tirol',
          self_declared_as_pep: false,
          international_operativity_expectation: ['DE', 'FR'],
          registration_number: 'HRB 12345',
        },
      );
      await expectUpdated(
        q,
        {
          title: null,
          job_title: null,
          international_operativity_expectation: [],
          expected_monthly_revenue_cents: null,
        },
        {
          title: null,
          job_title: null,
          international_operativity_expectation: [],
          expected_monthly_revenue_cents: null,
        },
      );
    });

    it('changes nothing for an empty body', async () => {
      const p = await create();
      await expectUpdated(p, {}, {});
    });

    it('validates the formats of updatable fields', async () => {
      const p = await create();
      await expectRejected(p, { address: { country: 'XX' } }, ['address.country']);
      await expectRejected(p, { email: 'not-an-email' }, ['email']);
      await expectRejected(p, { salutation: 'MRS' }, ['salutation']);
      await expectRejected(p, { data_terms_signed_at: '2025-06-03T00:00:00+02:00' }, [
        'data_terms_signed_at',
      ]);
      await expectRejected(p, { fatca_relevant: 'yes' }, ['fatca_relevant']);
      await expectRejected(p, { address: 'Hamburg' }, ['address']);
    });
  });

  describe('fields that cannot be updated', () => {
    it.each([
      ['first_name', 'Eve'],
      ['last_name', 'Mallory'],
      ['birth_date', '1990-01-01'],
      ['id', '0123456789abcdef0123456789abcdefcper'],
      ['nationality', 'FR'],
      ['mobile_number', '+4915112345678'],
      ['terms_conditions_signed_at', '2025-06-01T00:00:00Z'],
      ['flagged_by_compliance', true],
      ['screening_progress', 'SCREENED_ACCEPTED'],
      ['aml_follow_up_date', '2040-01-01'],
    ])('rejects %s with 400 naming it, and changes nothing', async (field, value) => {
      const p = await create();
      const [e] = await expectRejected(p, { [field]: value }, [field]);
      expect(e?.source?.message).toBe('cannot be updated through the API; contact customer support');
    });

    it('rejects the whole request when one field is not updatable', async () => {
      const p = await create();
      await expectRejected(p, { email: 'new@example.com', address: { city: 'Hamburg' }, first_name: 'Eve' }, [
        'first_name',
      ]);
    });

    it('rejects an unknown field with 400 naming it', async () => {
      const p = await create();
      const [e] = await expectRejected(p, { shoe_size: 42 }, ['shoe_size']);
      expect(e?.source?.message).toBe('is not an allowed field');
      await expectRejected(p, { address: { floor: '3' } }, ['address.floor']);
    });

    it('rejects a body that is not a JSON object', async () => {
      const p = await create();
      const res = await patch(p.id, [{ email: 'new@example.com' }]);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].detail).toBe('The request body must be a JSON object.');
      expect(await get(p.id)).toStrictEqual(p);
    });
  });

  describe('employment_status FREELANCER / SELF_EMPLOYED (seed B2C rule)', () => {
    it.each(['FREELANCER', 'SELF_EMPLOYED'])(
      'rejects %s without nace_code, naming nace_code',
      async (status) => {
        const p = await create();
        await expectRejected(p, { employment_status: status }, ['nace_code']);
        await expectRejected(p, { employment_status: status, industry: 'IT' }, ['nace_code']);
        await expectRejected(p, { employment_status: status, industry: null }, ['nace_code']);
      },
    );

    it('accepts FREELANCER with a nace_code', async () => {
      const p = await create();
      await expectUpdated(
        p,
        { employment_status: 'FREELANCER', nace_code: '62.01' },
        {
          employment_status: 'FREELANCER',
          nace_code: '62.01',
        },
      );
    });

    it('accepts SELF_EMPLOYED with industry and industry_key set to null', async () => {
      const p = await create({ industry: 'IT', industry_key: 'SOFTWARE' });
      expect(p.industry).toBe('IT');
      await expectUpdated(
        p,
        { employment_status: 'SELF_EMPLOYED', industry: null, industry_key: null },
        {
          employment_status: 'SELF_EMPLOYED',
          industry: null,
          industry_key: null,
        },
      );
    });

    it('applies the same rule on create', async () => {
      const res = await http(t.url, 'POST', '/v1/persons', {
        token: partner.token,
        body: PersonFactory.body({ employment_status: 'FREELANCER' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { source?: { field: string } }) => e.source?.field)).toEqual([
        'nace_code',
      ]);
    });
  });

  describe('aml_confirmed_on (only today or tomorrow)', () => {
    let person: Person;
    const tokenNow = async () => {
      const res = await http(t.url, 'POST', '/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: partner.clientId,
          client_secret: partner.secret,
        },
      });
      expect(res.status).toBe(200);
      return res.body.access_token as string;
    };

    beforeAll(async () => {
      clock.iso = '2025-06-15T12:00:00Z';
      person = await create();
      expect(person.aml_confirmed_on).toBe('2025-06-15');
      expect(person.aml_follow_up_date).toBe('2031-12-15');
    });

    it('accepts today and recomputes aml_follow_up_date (78 months, ending in a shorter month)', async () => {
      clock.iso = '2025-08-31T09:00:00Z';
      const token = await tokenNow();
      const res = await patch(person.id, { aml_confirmed_on: '2025-08-31' }, token);
      expect(res.status).toBe(200);
      expect(res.body).toStrictEqual({
        ...person,
        aml_confirmed_on: '2025-08-31',
        aml_follow_up_date: '2032-02-29',
      });
      person = await get(person.id, token);
      expect(person.aml_follow_up_date).toBe('2032-02-29');
    });

    it('accepts tomorrow', async () => {
      const token = await tokenNow();
      const res = await patch(person.id, { aml_confirmed_on: '2025-09-01' }, token);
      expect(res.status).toBe(200);
      expect(res.body).toStrictEqual({
        ...person,
        aml_confirmed_on: '2025-09-01',
        aml_follow_up_date: '2032-03-01',
      });
      person = await get(person.id, token);
    });

    it.each([
      ['yesterday', '2025-08-30'],
      ['the day after tomorrow', '2025-09-02'],
      ['a date long ago', '2022-07-22'],
      ['not a date', 'tomorrow'],
    ])('rejects %s, naming aml_confirmed_on, and changes nothing', async (_label, value) => {
      const token = await tokenNow();
      const res = await patch(person.id, { aml_confirmed_on: value }, token);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { source?: { field: string } }) => e.source?.field)).toEqual([
        'aml_confirmed_on',
      ]);
      expect(await get(person.id, token)).toStrictEqual(person);
    });
  });

  describe('branch residency (default {"null":["DE"]})', () => {
    beforeAll(() => {
      // Back to the day the partner's first token was issued, so it is live again.
      clock.iso = '2025-06-15T12:00:00Z';
    });

    it('rejects moving the residency to FR with the seed error and keeps the row', async () => {
      const p = await create();
      const [e] = await expectRejected(
        p,
        { address: { country: 'FR' }, email: 'moved@example.com' },
        ['country'],
        'invalid_model',
      );
      expect(e?.source?.message).toBe(
        'Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE"]',
      );
    });

    it('rejects a branch that has no residency rules and keeps the row', async () => {
      const p = await create();
      await expectRejected(p, { branch: 'atlantis' }, ['branch'], 'invalid_model');
    });

    it('keeps allowing changes within the allowed country', async () => {
      const p = await create();
      await expectUpdated(
        p,
        { address: { country: 'DE', city: 'Köln' } },
        { address: { ...p.address, city: 'Köln' } },
      );
    });
  });

  it('answers 404 for an unknown id and creates nothing', async () => {
    const id = '0123456789abcdef0123456789abcdefcper';
    const res = await patch(id, { email: 'x@example.com' });
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toMatchObject({
      status: 404,
      code: 'model_not_found',
      detail: `Couldn't find 'Person' for id '${id}'.`,
    });
    const after = await http(t.url, 'GET', `/v1/persons/${id}`, { token: partner.token });
    expect(after.status).toBe(404);
  });
  describe('mandatory data cannot be cleared', () => {
    it.each([
      [{ salutation: null }, ['salutation']],
      [{ address: null }, ['address']],
      [{ address: { line_1: null, city: '' } }, ['address.line_1', 'address.city']],
    ])('PATCH %j answers 400 and keeps the person', async (body, fields) => {
      await expectRejected(await create(), body, fields);
    });

    it('still clears optional address parts', async () => {
      const person = await create();
      await expectUpdated(
        person,
        { address: { line_2: null } },
        { address: { ...person.address, line_2: null } },
      );
    });
  });

  it('takes JSON only: a form-encoded body answers 415', async () => {
    const person = await create();
    const res = await fetch(`${t.url}/v1/persons/${person.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${partner.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=x%40example.com',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0].code).toBe(
      'unsupported_media_type',
    );
    expect(await get(person.id)).toStrictEqual(person);
  });
});

describe('PATCH /v1/persons/{id} with BRANCH_RESIDENCY_COUNTRIES {"null":["DE"],"paris":["FR"]}', () => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await startTestApp({ env: { BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE"],"paris":["FR"]}' } });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  it('judges the residency by the branch after the update', async () => {
    const p = await PersonFactory.create(t, partner);
    const moved = await http(t.url, 'PATCH', `/v1/persons/${p.id}`, {
      token: partner.token,
      body: {
        branch: 'paris',
        address: { line_1: 'Rue de Rivoli', line_2: '1', postal_code: '75001', city: 'Paris', country: 'FR' },
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.branch).toBe('paris');
    expect(moved.body.address.country).toBe('FR');

    // Leaving the branch while living in FR would break the rule of persons without a branch.
    const back = await http(t.url, 'PATCH', `/v1/persons/${p.id}`, {
      token: partner.token,
      body: { branch: null },
    });
    expect(back.status).toBe(400);
    expect(back.body.errors[0]).toMatchObject({ code: 'invalid_model', source: { field: 'country' } });
    const read = await http(t.url, 'GET', `/v1/persons/${p.id}`, { token: partner.token });
    expect(read.body).toStrictEqual(moved.body);
  });
});
