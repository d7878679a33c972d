import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISO_COUNTRIES } from '#kyc/common';
import {
  documentHasAddress,
  documentMayCarryAddress,
  DOCUMENTS_WITH_ADDRESS,
} from './documents-with-address.js';

// CI keeps a copy of shared/ beside the clone, so the seed is read from there rather than copied in.
const SEED = readFileSync(join(process.cwd(), '../shared/seed/000_1c65a37035771265.txt'), 'utf8');

/** The seed's "List of passports with address" rows, up to the next blank line or the end of the file. */
function seedTable() {
  const lines = SEED.split(/\r?\n/);
  const start = lines.indexOf('Document Issuer Country Type (ID/PP)');
  expect(start).toBeGreaterThan(0);
  const rows: { document: string; issuer: string; type: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const m = /^(\S+) (.+) (ID|Passport)$/.exec(line.trim());
    if (!m) throw new Error(`Unparsed seed row: ${line}`);
    rows.push({ document: m[1], issuer: m[2], type: m[3] });
  }
  return rows;
}

// The document codes start with the issuer's ISO alpha-3 code; this pins the alpha-2 mapping independently.
const ALPHA3_TO_ALPHA2: Record<string, string> = {
  MLT: 'MT',
  SVK: 'SK',
  ITA: 'IT',
  DEU: 'DE',
  SGP: 'SG',
  CZE: 'CZ',
  IND: 'IN',
  CHN: 'CN',
  BGR: 'BG',
  SVN: 'SI',
  POL: 'PL',
  ESP: 'ES',
  HRV: 'HR',
  FRA: 'FR',
  MAR: 'MA',
};

describe('DOCUMENTS_WITH_ADDRESS', () => {
  const seed = seedTable();

  it('holds every row of the seed table, in order, verbatim', () => {
    expect(seed).toHaveLength(31);
    expect(DOCUMENTS_WITH_ADDRESS.map(({ document, issuer, type }) => ({ document, issuer, type }))).toEqual(
      seed,
    );
  });

  it('maps every issuer to the ISO alpha-2 code matching the document code prefix', () => {
    for (const d of DOCUMENTS_WITH_ADDRESS) {
      expect(ISO_COUNTRIES.has(d.country)).toBe(true);
      expect(d.country).toBe(ALPHA3_TO_ALPHA2[d.document.slice(0, 3)]);
    }
  });

  it('counts 22 ID cards and 9 passports', () => {
    expect(DOCUMENTS_WITH_ADDRESS.filter((d) => d.type === 'ID')).toHaveLength(22);
    expect(DOCUMENTS_WITH_ADDRESS.filter((d) => d.type === 'Passport')).toHaveLength(9);
  });
});

describe(documentHasAddress.name, () => {
  it.each(seedTable().map((r) => r.document))('knows %s', (code) => {
    expect(documentHasAddress(code)).toBe(true);
  });

  it('does not know other codes', () => {
    expect(documentHasAddress('DEU-AO-01001')).toBe(false);
    expect(documentHasAddress('')).toBe(false);
  });
});

describe(documentMayCarryAddress.name, () => {
  const seed = seedTable();
  const countries = Object.values(ALPHA3_TO_ALPHA2);
  const cases = countries.flatMap((country) =>
    (['IDCARD', 'PASSPORT'] as const).map((type) => {
      const seedType = type === 'IDCARD' ? 'ID' : 'Passport';
      const listed = seed.some(
        (r) => r.type === seedType && ALPHA3_TO_ALPHA2[r.document.slice(0, 3)] === country,
      );
      return [type, country, listed] as const;
    }),
  );

  it.each(cases)('%s from %s: %p, as the seed lists', (type, country, expected) => {
    expect(documentMayCarryAddress(type, country)).toBe(expected);
  });

  it('answers for the cases a reader would check by hand', () => {
    expect(documentMayCarryAddress('IDCARD', 'DE')).toBe(true);
    expect(documentMayCarryAddress('PASSPORT', 'DE')).toBe(false);
    expect(documentMayCarryAddress('PASSPORT', 'IN')).toBe(true);
    expect(documentMayCarryAddress('IDCARD', 'HR')).toBe(true);
    expect(documentMayCarryAddress('PASSPORT', 'HR')).toBe(true);
  });

  it('is false for a country the seed does not list', () => {
    expect(documentMayCarryAddress('IDCARD', 'AT')).toBe(false);
    expect(documentMayCarryAddress('PASSPORT', 'US')).toBe(false);
  });

  it('is false for document types the seed table does not cover', () => {
    expect(documentMayCarryAddress('RESIDENCE_TITLE', 'DE')).toBe(false);
    expect(documentMayCarryAddress('DRIVERS_LICENSE', 'DE')).toBe(false);
    expect(documentMayCarryAddress('', 'DE')).toBe(false);
  });

  it('is lenient about case, as IDnow payloads vary', () => {
    expect(documentMayCarryAddress('idcard', 'de')).toBe(true);
  });
});
