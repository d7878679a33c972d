import type { PersonEntity } from './entities/person.entity.js';

/** Person fields an identification provider verifies or corrects, by their Solaris names. */
export const VERIFIABLE_FIELDS: Record<string, keyof PersonEntity> = {
  salutation: 'salutation',
  first_name: 'firstName',
  last_name: 'lastName',
  birth_date: 'birthDate',
  birth_city: 'birthCity',
  birth_name: 'birthName',
  nationality: 'nationality',
  mobile_number: 'mobileNumber',
  'address.line_1': 'addressLine1',
  'address.line_2': 'addressLine2',
  'address.postal_code': 'addressPostalCode',
  'address.city': 'addressCity',
  'address.country': 'addressCountry',
};

/** Identity fields whose change by an agent needs a compliance officer's eye. */
export const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['first_name', 'last_name', 'birth_date']);

export interface VerifiedValue {
  field: string;
  value: string;
}

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string;
}

/** What would change on the person: only fields we know, only where the value differs. */
export function diffVerifiedData(person: PersonEntity, values: VerifiedValue[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const { field, value } of values) {
    const column = VERIFIABLE_FIELDS[field];
    if (!column) continue;
    const old = person[column] as string | null;
    if (old !== value) changes.push({ field, oldValue: old ?? null, newValue: value });
  }
  return changes;
}
