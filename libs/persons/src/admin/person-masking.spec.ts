import { describe, expect, it } from '@jest/globals';
import type { PersonResponse } from '../dto/person-response.js';
import { birthYearOnly, lastDigits, maskPerson } from './person-masking.js';

describe(maskPerson.name, () => {
  const person = {
    first_name: 'Jane',
    last_name: 'Doe',
    email: 'jane@example.com',
    birth_date: '1992-12-11',
    birth_name: 'Smith',
    birth_city: 'Berlin',
    birth_post_code: '10115',
    address: {
      line_1: 'Amrumerstrasse',
      line_2: '14',
      postal_code: '13353',
      city: 'Berlin',
      country: 'DE',
      state: null,
    },
    contact_address: {
      line_1: 'Postfach',
      line_2: '9',
      postal_code: '10115',
      city: 'Berlin',
      country: 'DE',
      state: null,
    },
    business_address_line_1: 'Hauptstr. 1',
    business_address_line_2: null,
    mobile_number: '+49 301 234567',
    vat_number: 'DE123456789',
    registration_number: 'HRB 12345',
  } as unknown as PersonResponse;

  it('keeps what identifies the customer and hides what the job does not need', () => {
    const masked = maskPerson(person);
    expect(masked).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane@example.com',
      birth_date: '1992-**-**',
      birth_name: null,
      birth_city: null,
      address: { line_1: null, line_2: null, postal_code: '13353', city: 'Berlin', country: 'DE' },
      contact_address: { line_1: null, line_2: null },
      business_address_line_1: null,
      mobile_number: '••••567',
      vat_number: '••••789',
      registration_number: '••••345',
    });
    expect(JSON.stringify(masked)).not.toMatch(/Amrumerstrasse|12-11|234567|123456789|Smith/);
  });

  it('leaves empty values empty', () => {
    expect(lastDigits(null)).toBeNull();
    expect(lastDigits('12')).toBe('••');
    expect(birthYearOnly(null)).toBeNull();
  });
});
