import { parseIsoDate } from '#kyc/common';
import { START_FIELDS, type SandboxStartData, type StartField } from '../engine/start-data.js';
import { IdnowApiError } from './idnow-api.error.js';

const KNOWN = new Set<string>(START_FIELDS);
const TRANSACTION_NUMBER = /^[a-zA-Z0-9_-]{1,255}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const MAX_LENGTH = 255;

/** IDnow's transaction number alphabet; anything else never reaches the database. */
export function checkTransactionNumber(txn: string): void {
  if (!TRANSACTION_NUMBER.test(txn)) throw IdnowApiError.badValue('transactionnumber');
}

const RULES: Partial<Record<StartField, (v: string) => boolean>> = {
  birthday: (v) => parseIsoDate(v) !== null,
  gender: (v) => v.toUpperCase() === 'MALE' || v.toUpperCase() === 'FEMALE',
  country: (v) => COUNTRY.test(v),
  nationality: (v) => COUNTRY.test(v),
};

/** The start body as IDnow checks it: a flat object of known string fields. */
export function parseStartBody(body: unknown): SandboxStartData {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new IdnowApiError('UNPARSEABLE_JSON');
  const data: SandboxStartData = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!KNOWN.has(key)) throw new IdnowApiError('UNRECOGNIZED_FIELD', key, `Unrecognized field '${key}'`);
    if (value === null) continue;
    const field = key as StartField;
    if (typeof value !== 'string' || value.length > MAX_LENGTH) throw IdnowApiError.badValue(field);
    if (RULES[field] && !RULES[field](value)) throw IdnowApiError.badValue(field);
    data[field] = value;
  }
  return data;
}
