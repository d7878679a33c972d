import { ISO_COUNTRIES } from './iso-countries.js';

/**
 * Pure field rules, each answering null when the value is fine or the message for `source.message`.
 * The decorators in decorators.ts wrap them; services call them directly for cross-field rules.
 */
export type Rule = (value: unknown) => string | null;

const NAME_CHARS = /^[\p{L}\p{M}'’ .-]+$/u;

/** Solaris' name sanitisation: at most 50 characters, no leading whitespace, no symbols or emojis. */
export const solarisName: Rule = (v) => {
  if (typeof v !== 'string') return 'must be a string';
  if (v.trim().length === 0) return 'must not be blank';
  if ([...v].length > 50) return 'must not be longer than 50 characters';
  if (/^\s/u.test(v)) return 'must not start with a whitespace';
  if (!NAME_CHARS.test(v) || !/\p{L}/u.test(v)) return 'must not include any symbols or emojis';
  return null;
};

export const isoCountry: Rule = (v) =>
  typeof v === 'string' && ISO_COUNTRIES.has(v)
    ? null
    : 'must be an ISO 3166-1 alpha-2 country code such as DE';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date that exists (no 2023-02-30), as YYYY-MM-DD. */
export function parseIsoDate(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  const m = DATE.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v ? d : null;
}

export const isoDate: Rule = (v) =>
  parseIsoDate(v) ? null : 'must be a valid date in the format YYYY-MM-DD';

/** A birth date: a real date, in the past, and not before 1900. */
export function pastDate(today: string): Rule {
  return (v) => {
    const d = parseIsoDate(v);
    if (!d) return 'must be a valid date in the format YYYY-MM-DD';
    if ((v as string) >= today) return 'must be in the past';
    if (d.getUTCFullYear() < 1900) return 'must not be before 1900-01-01';
    return null;
  };
}

const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]00:?00)$/;

export const utcTimestamp: Rule = (v) =>
  typeof v === 'string' &&
  UTC_TIMESTAMP.test(v) &&
  parseIsoDate(v.slice(0, 10)) &&
  !Number.isNaN(Date.parse(v))
    ? null
    : 'must be an ISO 8601 UTC timestamp such as 2019-01-01T00:00:00Z';

export const e164: Rule = (v) =>
  typeof v === 'string' && /^\+[1-9]\d{6,14}$/.test(v)
    ? null
    : 'must be an E.164 phone number such as +49301234567';
