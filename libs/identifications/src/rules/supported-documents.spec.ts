import { describe, expect, it } from '@jest/globals';
import { ISO_COUNTRIES } from '#kyc/common';
import { SUPPORTED_DOCUMENTS } from './supported-documents.js';

const countriesOf = (type: string) =>
  SUPPORTED_DOCUMENTS.find((d) => d.type === type)?.issuing_countries ?? [];

describe('SUPPORTED_DOCUMENTS', () => {
  it('lists each document type once', () => {
    expect(SUPPORTED_DOCUMENTS.map((d) => d.type)).toEqual(['PASSPORT', 'IDCARD', 'RESIDENCE_TITLE']);
  });

  it.each(SUPPORTED_DOCUMENTS.map((d) => [d.type, d.issuing_countries] as const))(
    '%s: every issuing country is an ISO 3166-1 alpha-2 code, sorted and listed once',
    (_type, countries) => {
      expect(countries.length).toBeGreaterThan(0);
      expect(countries.filter((c) => !ISO_COUNTRIES.has(c))).toEqual([]);
      expect(new Set(countries).size).toBe(countries.length);
      expect([...countries].sort()).toEqual(countries);
    },
  );

  it('accepts German documents of every type, since the customers reside in Germany', () => {
    for (const d of SUPPORTED_DOCUMENTS) expect(d.issuing_countries).toContain('DE');
  });

  it('accepts ID cards from the EU/EEA and Switzerland only', () => {
    const eu = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
    expect(countriesOf('IDCARD')).toEqual([...eu, 'IS', 'LI', 'NO', 'CH'].sort());
  });

  it('accepts passports from most countries, but not from FATF "call for action" jurisdictions', () => {
    expect(countriesOf('PASSPORT').length).toBeGreaterThan(190);
    for (const c of ['US', 'TR', 'IN', 'CN', 'UA', 'NG', 'BR', 'GB', 'CH'])
      expect(countriesOf('PASSPORT')).toContain(c);
    for (const c of ['KP', 'IR', 'MM']) expect(countriesOf('PASSPORT')).not.toContain(c);
  });

  it('accepts residence titles of Germany only', () => {
    expect(countriesOf('RESIDENCE_TITLE')).toEqual(['DE']);
  });

  it('is frozen, so a response cannot change the configuration', () => {
    expect(Object.isFrozen(SUPPORTED_DOCUMENTS)).toBe(true);
    expect(Object.isFrozen(countriesOf('PASSPORT'))).toBe(true);
  });
});
