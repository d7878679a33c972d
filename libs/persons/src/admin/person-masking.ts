import type { PersonResponse } from '../dto/person-response.js';

/** `••••567`: only the last three characters of a number stay readable. */
export function lastDigits(value: string | null | undefined, keep = 3): string | null {
  if (!value) return value ?? null;
  const compact = value.replace(/\s+/g, '');
  return compact.length <= keep ? '•'.repeat(compact.length) : `••••${compact.slice(-keep)}`;
}

/** `1992-**-**`: the birth year only. */
export const birthYearOnly = (date: string | null | undefined): string | null =>
  date ? `${date.slice(0, 4)}-**-**` : null;

const streetless = <T extends { line_1: string | null; line_2: string | null }>(a: T): T => ({
  ...a,
  line_1: null,
  line_2: null,
});

/**
 * What a support agent may see of a person (least privilege, applied on the server): birth year only,
 * no street, phone and registration/tax numbers down to their last digits. Everything else stays, so the
 * agent can still recognise the customer (name, email, city, country).
 */
export function maskPerson(p: PersonResponse): PersonResponse {
  return {
    ...p,
    birth_date: birthYearOnly(p.birth_date),
    birth_name: null,
    birth_city: null,
    birth_post_code: null,
    address: streetless(p.address),
    contact_address: streetless(p.contact_address),
    business_address_line_1: null,
    business_address_line_2: null,
    mobile_number: lastDigits(p.mobile_number),
    vat_number: lastDigits(p.vat_number),
    registration_number: lastDigits(p.registration_number),
  };
}
