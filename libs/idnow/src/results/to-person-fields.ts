import type { IdnowResult } from './idnow-result.js';

export interface PersonAddressFields {
  line_1?: string;
  line_2?: string;
  postal_code?: string;
  city?: string;
  country?: string;
}

/** The Solaris person fields an identification confirms, shaped as the persons API's body. */
export interface PersonFields {
  salutation?: 'MR' | 'MS';
  first_name?: string;
  last_name?: string;
  birth_date?: string;
  birth_city?: string;
  nationality?: string;
  address?: PersonAddressFields;
}

/** IDnow userData path to Solaris person field path (gender is mapped separately, to salutation). */
export const PERSON_FIELD_BY_IDNOW_FIELD = {
  firstname: 'first_name',
  lastname: 'last_name',
  birthday: 'birth_date',
  birthplace: 'birth_city',
  nationality: 'nationality',
  'address.street': 'address.line_1',
  'address.streetnumber': 'address.line_2',
  'address.zipcode': 'address.postal_code',
  'address.city': 'address.city',
  'address.country': 'address.country',
} as const;

type AddressPart = keyof PersonAddressFields;
type TopLevelField = Exclude<keyof PersonFields, 'address' | 'salutation'>;

const SALUTATION_BY_GENDER: Record<string, 'MR' | 'MS'> = { MALE: 'MR', FEMALE: 'MS' };

/** The fields the identification carries a value for; withheld (REDACTION) and aborted ones are left out. */
export function personFieldsFromResult(result: IdnowResult): PersonFields {
  const valueOf = (path: string) => {
    const value = result.userData[path]?.value?.trim();
    return value ? value : undefined;
  };
  const fields: PersonFields = {};
  for (const [idnow, ours] of Object.entries(PERSON_FIELD_BY_IDNOW_FIELD)) {
    const value = valueOf(idnow);
    if (value === undefined) continue;
    const [head, part] = ours.split('.');
    if (part) (fields.address ??= {})[part as AddressPart] = value;
    else fields[head as TopLevelField] = value;
  }
  const salutation = SALUTATION_BY_GENDER[valueOf('gender')?.toUpperCase() ?? ''];
  if (salutation) fields.salutation = salutation;
  return fields;
}
