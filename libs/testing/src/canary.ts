import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Canary personal data: values no real person has and no log line needs, so that finding one in a log
 * proves a leak. The test factories send them; `scripts/pii-canary-scan.mjs` looks for them (and for every
 * personal value the tests sent, recorded below) in every log line of the run.
 */
export const CANARY_MARKER = 'Kanarienvogel';

export const CANARY = {
  first_name: CANARY_MARKER,
  /** A last name is this, a space and random letters (unique per person). */
  last_name_prefix: 'Zeisigfink',
  birth_name: 'Kanarienzucht',
  birth_date: '1957-08-19',
  birth_city: 'Vogelsangshausen',
  mobile_number: '+4915730571957',
  email: 'kanarienvogel.zeisigfink@canary.example',
  address: {
    line_1: 'Stieglitzgasse',
    line_2: '41',
    postal_code: '13353',
    city: 'Vogelsangshausen',
    country: 'DE',
  },
  document_number: 'KNRV57081957',
  iban: 'DE02120300000000202051',
  tax_id: '57081957412',
} as const;

/** The environment variable naming the run's log directory (set by the global setup or scripts/test.mjs). */
export const TEST_LOG_DIR_ENV = 'KYC_TEST_LOG_DIR';

/**
 * Request-body keys whose values are personal data, by the kind the scanner reports. Cities are left out:
 * 'Berlin' is also in 'Europe/Berlin'; the canary city is one of the scanner's markers.
 */
const PERSONAL_KEYS: Record<string, string> = {
  first_name: 'name',
  last_name: 'name',
  birth_name: 'name',
  firstname: 'name',
  lastname: 'name',
  birthname: 'name',
  birth_date: 'birth_date',
  birthday: 'birth_date',
  mobile_number: 'mobile_number',
  mobilephone: 'mobile_number',
  mobile: 'mobile_number',
  email: 'email',
  line_1: 'address',
  street: 'address',
  iban: 'iban',
  tax_id: 'tax_id',
  tax_identification: 'tax_id',
  document_number: 'document_number',
  idnumber: 'document_number',
  vat_number: 'tax_id',
  registration_number: 'tax_id',
};

const recorded = new Set<string>();

/**
 * Appends the personal values of a request body to `<log dir>/sent-<pid>.jsonl`, so the scanner also
 * knows literal values a test chose for its own purpose (e.g. a search for 'Müller').
 */
export function recordSentPersonalData(body: unknown): void {
  const dir = process.env[TEST_LOG_DIR_ENV];
  if (!dir || body === null || typeof body !== 'object') return;
  const lines: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      const kind = PERSONAL_KEYS[key.toLowerCase()];
      if (kind && typeof v === 'string' && !recorded.has(`${kind}\0${v}`)) {
        recorded.add(`${kind}\0${v}`);
        lines.push(JSON.stringify({ kind, value: v }));
      } else walk(v, depth + 1);
    }
  };
  walk(body, 0);
  if (lines.length === 0) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `sent-${process.pid}.jsonl`), `${lines.join('\n')}\n`);
}
