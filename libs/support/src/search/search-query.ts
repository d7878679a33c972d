import { type FieldIssue, isId, ValidationError } from '#kyc/common';

/** What a query was taken for; the audit trail records this, never the text. */
export const SEARCH_KINDS = [
  'person_id',
  'identification_id',
  'reference',
  'email',
  'phone',
  'name',
  'name_and_birth_date',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchTerm =
  | { kind: 'person_id' | 'identification_id' | 'email' | 'phone'; value: string }
  /** An IDnow reference; the same text is searched as a name when no identification carries it. */
  | { kind: 'reference'; value: string }
  | { kind: 'name'; name: string }
  | { kind: 'name_and_birth_date'; name: string; birthDate: string };

export interface SearchRequest {
  term: SearchTerm;
  limit: number;
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_LIMIT = 20;
const DEFAULT_LIMIT = 10;
const KNOWN = new Set(['q', 'limit']);

/** IDnow ident ids: three letters, a dash, five letters or digits (TST-KCCEY). */
const REFERENCE = /^[a-z]{3}-[a-z0-9]{5}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** A number as people write it: +49 151 2345 678, 0049151…, 0151-2345678, (0151) 234 5678, +49 (0)151…. */
const PHONE = /^\+?[\d\s\-()./]+$/;
const ISO_DATE = /(?:^|\s)(\d{4})-(\d{2})-(\d{2})(?=\s|$)/;
const GERMAN_DATE = /(?:^|\s)(\d{1,2})\.(\d{1,2})\.(\d{4})(?=\s|$)/;

/** Read `q` and `limit`; every problem is reported at once as a 400. */
export function parseSearchRequest(raw: Record<string, unknown>): SearchRequest {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(raw))
    if (!KNOWN.has(key)) issues.push({ field: key, message: 'is not a known parameter' });
  const q = raw.q;
  let term: SearchTerm | undefined;
  if (typeof q !== 'string' || !q.trim())
    issues.push({ field: 'q', message: 'must be given once, as a non-empty string' });
  else if (q.length > MAX_QUERY_LENGTH)
    issues.push({ field: 'q', message: `must be at most ${MAX_QUERY_LENGTH} characters` });
  else {
    const classified = classify(q);
    if (typeof classified === 'string') issues.push({ field: 'q', message: classified });
    else term = classified;
  }
  let limit = DEFAULT_LIMIT;
  if (raw.limit !== undefined) {
    const v = raw.limit;
    if (typeof v !== 'string' || !/^\d{1,2}$/.test(v) || +v < 1 || +v > MAX_LIMIT)
      issues.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
    else limit = +v;
  }
  if (issues.length || !term) throw new ValidationError(issues);
  return { term, limit };
}

/** What the text is, in order of certainty; a message when it cannot be searched. */
export function classify(raw: string): SearchTerm | string {
  const q = raw.trim().replace(/\s+/g, ' ');
  if (isId('person', q.toLowerCase())) return { kind: 'person_id', value: q.toLowerCase() };
  if (isId('identification', q.toLowerCase())) return { kind: 'identification_id', value: q.toLowerCase() };
  if (EMAIL.test(q)) return { kind: 'email', value: q };
  if (REFERENCE.test(q)) return { kind: 'reference', value: q };
  const digits = q.replace(/\D/g, '');
  if (PHONE.test(q) && !ISO_DATE.test(q) && !GERMAN_DATE.test(q)) {
    if (digits.length >= 6 && digits.length <= 17) return { kind: 'phone', value: q };
    return 'must be a phone number of 6 to 17 digits, a name, an email, an id or a reference';
  }
  const date = birthDate(q);
  if (date === 'invalid') return 'holds a birth date that does not exist';
  const name = date ? date.rest : q;
  if (/\d/.test(name))
    return 'must not mix digits into a name (a birth date goes apart, e.g. "Müller 17.04.1992")';
  if (name.replace(/[\s\p{P}]/gu, '').length < 2) {
    return date ? 'needs a name with the birth date' : 'must have at least 2 letters to search a name';
  }
  return date ? { kind: 'name_and_birth_date', name, birthDate: date.iso } : { kind: 'name', name };
}

/** A birth date in the text (1992-04-17 or 17.04.1992) and what remains of it. */
function birthDate(q: string): { iso: string; rest: string } | 'invalid' | undefined {
  let m = ISO_DATE.exec(q);
  let y: string, mo: string, d: string;
  if (m) [y, mo, d] = [m[1], m[2], m[3]];
  else {
    m = GERMAN_DATE.exec(q);
    if (!m) return undefined;
    [d, mo, y] = [m[1].padStart(2, '0'), m[2].padStart(2, '0'), m[3]];
  }
  const iso = `${y}-${mo}-${d}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return 'invalid';
  return {
    iso,
    rest: (q.slice(0, m.index) + ' ' + q.slice(m.index + m[0].length)).trim().replace(/\s+/g, ' '),
  };
}
