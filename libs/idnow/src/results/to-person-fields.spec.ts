import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIdnowResult } from './idnow-result.js';
import { personFieldsFromResult } from './to-person-fields.js';

const raw = (name: string): any =>
  JSON.parse(readFileSync(join(process.cwd(), '../shared/fixtures/idnow', name), 'utf8'));
const fieldsOf = (json: unknown) => personFieldsFromResult(parseIdnowResult(json));

describe(personFieldsFromResult.name, () => {
  it('maps a successful identification to Solaris person fields', () => {
    expect(fieldsOf(raw('result-success.json'))).toEqual({
      salutation: 'MS',
      first_name: 'JANE',
      last_name: 'DOE',
      birth_date: '1992-12-11',
      birth_city: 'BERLIN',
      nationality: 'DE',
      address: {
        line_1: 'AMRUMERSTRASSE',
        line_2: '14',
        postal_code: '13353',
        city: 'BERLIN',
        country: 'DE',
      },
    });
  });

  it('takes the values the agent corrected', () => {
    expect(fieldsOf(raw('result-success-data-changed.json'))).toMatchObject({
      last_name: 'DOE-MÜLLER',
      birth_date: '1992-11-12',
      address: { postal_code: '13351' },
    });
  });

  it('returns nothing for an aborted identification, which has only originals', () => {
    expect(fieldsOf(raw('result-aborted.json'))).toEqual({});
  });

  it.each([
    ['MALE', 'MR'],
    ['FEMALE', 'MS'],
    ['UNKNOWN', undefined],
  ])('maps gender %s to salutation %s', (gender, salutation) => {
    const json = raw('result-success.json');
    json.userdata.gender.value = gender;
    expect(fieldsOf(json).salutation).toBe(salutation);
  });

  it('leaves out withheld and empty values, and the address when it has none', () => {
    const json = raw('result-success.json');
    json.userdata.lastname = { value: null, status: 'REDACTION' };
    json.userdata.birthplace = { value: '  ', status: 'NEW' };
    delete json.userdata.address;
    const fields = fieldsOf(json);
    expect(fields).not.toHaveProperty('last_name');
    expect(fields).not.toHaveProperty('birth_city');
    expect(fields).not.toHaveProperty('address');
  });
});
