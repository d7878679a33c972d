import { describe, expect, it } from '@jest/globals';
import { InvalidModelError, parseBranches, renderError } from '#kyc/common';
import { MANDATORY_ADDRESS_FIELDS, MANDATORY_FIELDS } from './person-enums.js';
import {
  amlConfirmedOnIssues,
  amlFollowUpDate,
  birthDateIssues,
  checkResidency,
  missingMandatoryFields,
  selfEmployedIssues,
} from './person-rules.js';

/** The seed's POST /v1/persons request body. */
const seedBody = (): Record<string, unknown> => ({
  salutation: 'MS',
  first_name: 'Jane',
  last_name: 'Doe',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
  mobile_number: '+49301234567',
  birth_date: '1992-12-11',
  nationality: 'DE',
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
});

const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe(missingMandatoryFields.name, () => {
  it('finds nothing missing in the seed body, in either mode', () => {
    expect(missingMandatoryFields(seedBody(), true)).toEqual([]);
    expect(missingMandatoryFields(seedBody(), false)).toEqual([]);
  });

  it('lists exactly the seed mandatory fields', () => {
    expect([...MANDATORY_FIELDS].sort()).toEqual(
      [
        'salutation',
        'first_name',
        'last_name',
        'birth_date',
        'nationality',
        'address',
        'mobile_number',
        'data_terms_signed_at',
        'terms_conditions_signed_at',
      ].sort(),
    );
  });

  it.each(MANDATORY_FIELDS.filter((f) => f !== 'address'))(
    'reports %s when it is absent, null or empty',
    (field) => {
      for (const value of [undefined, null, '']) {
        const body = seedBody();
        if (value === undefined) delete body[field];
        else body[field] = value;
        expect(missingMandatoryFields(body, false)).toEqual([{ field, message: 'is required' }]);
      }
    },
  );

  it('reports address when it is absent or null', () => {
    const absent = seedBody();
    delete absent.address;
    expect(missingMandatoryFields(absent, false)).toEqual([{ field: 'address', message: 'is required' }]);
    expect(missingMandatoryFields({ ...seedBody(), address: null }, false)).toEqual([
      { field: 'address', message: 'is required' },
    ]);
  });

  it.each([...MANDATORY_ADDRESS_FIELDS])('reports address.%s when it is absent, null or empty', (part) => {
    for (const value of [undefined, null, '']) {
      const address = { ...(seedBody().address as Record<string, unknown>) };
      if (value === undefined) delete address[part];
      else address[part] = value;
      expect(missingMandatoryFields({ ...seedBody(), address }, false)).toEqual([
        { field: `address.${part}`, message: 'is required' },
      ]);
    }
  });

  it('does not require address.line_2 or address.state', () => {
    const address = { line_1: 'Amrumerstrasse', postal_code: '13353', city: 'Berlin', country: 'DE' };
    expect(missingMandatoryFields({ ...seedBody(), address }, false)).toEqual([]);
  });

  it('reports every address part of an empty address', () => {
    expect(fields(missingMandatoryFields({ ...seedBody(), address: {} }, false))).toEqual([
      'address.line_1',
      'address.postal_code',
      'address.city',
      'address.country',
    ]);
  });

  it('reports every missing field at once for an empty body', () => {
    expect(fields(missingMandatoryFields({}, true)).sort()).toEqual([...MANDATORY_FIELDS].sort());
  });

  describe('sandbox test persons (seed, "Testing")', () => {
    const tutorial = { first_name: 'X-MANUALTEST-HAPPYPATH', last_name: 'Doe' };

    it('lets the happy-path tutorial body omit everything else in sandbox mode', () => {
      expect(missingMandatoryFields(tutorial, true)).toEqual([]);
    });

    it('accepts the prefix on last_name, the X-AUTOTEST- prefix and any letter case', () => {
      expect(
        missingMandatoryFields({ first_name: 'Jane', last_name: 'X-MANUALTEST-CHANGEALL' }, true),
      ).toEqual([]);
      expect(missingMandatoryFields({ first_name: 'X-AUTOTEST-HAPPYPATH', last_name: 'Doe' }, true)).toEqual(
        [],
      );
      expect(
        missingMandatoryFields({ first_name: 'x-manualtest-happypath', last_name: 'Doe' }, true),
      ).toEqual([]);
    });

    it('does not relax anything in production mode', () => {
      expect(fields(missingMandatoryFields(tutorial, false)).sort()).toEqual(
        [...MANDATORY_FIELDS].filter((f) => f !== 'first_name' && f !== 'last_name').sort(),
      );
    });

    it('does not relax anything for names that only resemble a test prefix', () => {
      for (const first_name of [
        'MANUALTEST-HAPPYPATH',
        'X-MANUALTESTHAPPYPATH',
        'Jane X-MANUALTEST-HAPPYPATH',
      ]) {
        expect(fields(missingMandatoryFields({ first_name, last_name: 'Doe' }, true))).toContain(
          'birth_date',
        );
      }
    });
  });
});

describe(birthDateIssues.name, () => {
  it('accepts a past date and leaves an absent one to the mandatory check', () => {
    expect(birthDateIssues({ birth_date: '1992-12-11' }, '2025-06-15')).toEqual([]);
    expect(birthDateIssues({}, '2025-06-15')).toEqual([]);
  });

  it('rejects today, the future and dates before 1900', () => {
    expect(birthDateIssues({ birth_date: '2025-06-15' }, '2025-06-15')).toEqual([
      { field: 'birth_date', message: 'must be in the past' },
    ]);
    expect(fields(birthDateIssues({ birth_date: '2030-01-01' }, '2025-06-15'))).toEqual(['birth_date']);
    expect(fields(birthDateIssues({ birth_date: '1899-12-31' }, '2025-06-15'))).toEqual(['birth_date']);
  });
});

describe(selfEmployedIssues.name, () => {
  it.each(['FREELANCER', 'SELF_EMPLOYED'])('requires nace_code for %s', (employment_status) => {
    const issues = selfEmployedIssues({ employment_status });
    expect(fields(issues)).toEqual(['nace_code']);
    expect(issues[0]?.message).toContain(employment_status);
  });

  it.each(['FREELANCER', 'SELF_EMPLOYED'])('accepts %s with a nace_code', (employment_status) => {
    expect(selfEmployedIssues({ employment_status, nace_code: '62.01' })).toEqual([]);
  });

  it.each(['FREELANCER', 'SELF_EMPLOYED'])(
    'accepts %s with industry and industry_key explicitly null',
    (employment_status) => {
      expect(selfEmployedIssues({ employment_status, industry: null, industry_key: null })).toEqual([]);
    },
  );

  it('is not satisfied by only one of industry and industry_key being null', () => {
    expect(fields(selfEmployedIssues({ employment_status: 'FREELANCER', industry: null }))).toEqual([
      'nace_code',
    ]);
    expect(fields(selfEmployedIssues({ employment_status: 'FREELANCER', industry_key: null }))).toEqual([
      'nace_code',
    ]);
  });

  it('is not satisfied by industry values or an empty or null nace_code', () => {
    const base = { employment_status: 'SELF_EMPLOYED' };
    expect(fields(selfEmployedIssues({ ...base, industry: 'IT', industry_key: 'SOFTWARE' }))).toEqual([
      'nace_code',
    ]);
    expect(fields(selfEmployedIssues({ ...base, nace_code: '' }))).toEqual(['nace_code']);
    expect(fields(selfEmployedIssues({ ...base, nace_code: null }))).toEqual(['nace_code']);
  });

  it.each([undefined, null, 'EMPLOYED', 'STUDENT', 'RETIRED'])(
    'does not apply to employment_status %p',
    (employment_status) => {
      expect(selfEmployedIssues({ employment_status })).toEqual([]);
    },
  );
});

describe(amlConfirmedOnIssues.name, () => {
  const today = '2025-06-15';
  const rejected = [{ field: 'aml_confirmed_on', message: 'must be today or tomorrow' }];

  it('accepts today and tomorrow', () => {
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2025-06-15' }, today)).toEqual([]);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2025-06-16' }, today)).toEqual([]);
  });

  it('rejects yesterday, the day after tomorrow and far dates', () => {
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2025-06-14' }, today)).toEqual(rejected);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2025-06-17' }, today)).toEqual(rejected);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2022-07-22' }, today)).toEqual(rejected);
  });

  it('rejects values that are not dates', () => {
    expect(amlConfirmedOnIssues({ aml_confirmed_on: 'today' }, today)).toEqual(rejected);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2025-6-15' }, today)).toEqual(rejected);
  });

  it('knows tomorrow across month, year and leap-day boundaries', () => {
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2025-01-01' }, '2024-12-31')).toEqual([]);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2024-02-29' }, '2024-02-28')).toEqual([]);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2024-03-01' }, '2024-02-28')).toEqual(rejected);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: '2023-03-01' }, '2023-02-28')).toEqual([]);
  });

  it('does not apply when the field is absent or null', () => {
    expect(amlConfirmedOnIssues({}, today)).toEqual([]);
    expect(amlConfirmedOnIssues({ aml_confirmed_on: null }, today)).toEqual([]);
  });
});

describe(checkResidency.name, () => {
  const seedBranches = parseBranches('{"null":["DE","FR"]}');
  const seedMessage =
    'Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE", "FR"]';

  const thrown = (fn: () => void): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error('expected checkResidency to throw');
  };

  it('accepts an allowed residency country, and no country at all', () => {
    expect(() => checkResidency(null, 'DE', seedBranches)).not.toThrow();
    expect(() => checkResidency(null, 'FR', seedBranches)).not.toThrow();
    expect(() => checkResidency(null, null, seedBranches)).not.toThrow();
  });

  it('rejects another country with the seed error, word for word', () => {
    const err = thrown(() => checkResidency(null, 'IT', seedBranches));
    expect(err).toBeInstanceOf(InvalidModelError);
    const e = err as InvalidModelError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_model');
    expect(e.title).toBe('Invalid Model');
    expect(e.detail).toBe(`country ${seedMessage}`);
    expect(e.source).toEqual({ field: 'country', message: seedMessage });
  });

  it('renders as the seed example body, apart from the error id', () => {
    const rendered = renderError(thrown(() => checkResidency(null, 'IT', seedBranches)));
    expect(rendered.status).toBe(400);
    const [entry, ...rest] = rendered.body.errors;
    expect(rest).toEqual([]);
    expect(entry?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect({ ...entry, id: '24b0e02a-341d-40bc-9e52-0d9f8cc8c6eb' }).toEqual({
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
  });

  it('uses the rules of the person branch and names that branch', () => {
    const branches = parseBranches('{"null":["DE"],"berlin":["DE","AT"]}');
    expect(() => checkResidency('berlin', 'AT', branches)).not.toThrow();
    expect(() => checkResidency(null, 'AT', branches)).toThrow(InvalidModelError);
    const e = thrown(() => checkResidency('berlin', 'FR', branches)) as InvalidModelError;
    expect(e.source?.message).toBe(
      'Residency Country is not allowed for this branch,allowed residency country values for branch "berlin" are ["DE", "AT"]',
    );
  });

  it('rejects an unknown branch, naming the field branch', () => {
    const e = thrown(() => checkResidency('paris', 'DE', seedBranches)) as InvalidModelError;
    expect(e).toBeInstanceOf(InvalidModelError);
    expect(e.code).toBe('invalid_model');
    expect(e.source?.field).toBe('branch');
  });
});

describe(amlFollowUpDate.name, () => {
  it('reproduces the seed example: confirmed 2022-07-22, follow-up 2029-01-22 after 78 months', () => {
    expect(amlFollowUpDate('2022-07-22', 78)).toBe('2029-01-22');
  });

  it('adds whole calendar months across years', () => {
    expect(amlFollowUpDate('2025-06-15', 1)).toBe('2025-07-15');
    expect(amlFollowUpDate('2025-12-15', 1)).toBe('2026-01-15');
    expect(amlFollowUpDate('2025-06-15', 24)).toBe('2027-06-15');
  });

  it('ends on the last day of a shorter target month instead of spilling into the next one', () => {
    expect(amlFollowUpDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(amlFollowUpDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(amlFollowUpDate('2023-08-31', 78)).toBe('2030-02-28');
    expect(amlFollowUpDate('2025-03-31', 1)).toBe('2025-04-30');
    expect(amlFollowUpDate('2024-02-29', 12)).toBe('2025-02-28');
  });
});
