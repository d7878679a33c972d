/**
 * Seed, Appendix I "List of passports with address": documents that print the holder's address, so an
 * identification with one of them needs no proof of address. Codes, issuers and types are verbatim.
 */
export type AddressDocumentType = 'ID' | 'Passport';

export interface DocumentWithAddress {
  readonly document: string;
  readonly issuer: string;
  readonly type: AddressDocumentType;
  /** ISO 3166-1 alpha-2 of the issuer, which is what IDnow results carry. */
  readonly country: string;
}

const ISSUER_ALPHA2 = {
  Malta: 'MT',
  Slovakia: 'SK',
  Italy: 'IT',
  Germany: 'DE',
  Singapore: 'SG',
  'Czech Republic': 'CZ',
  India: 'IN',
  China: 'CN',
  Bulgaria: 'BG',
  Slovenia: 'SI',
  Poland: 'PL',
  Spain: 'ES',
  Croatia: 'HR',
  France: 'FR',
  Morocco: 'MA',
} as const satisfies Record<string, string>;

// One line per document, like the seed's table.
// prettier-ignore
const ROWS: readonly (readonly [document: string, issuer: keyof typeof ISSUER_ALPHA2, type: AddressDocumentType])[] = [
  ['MLT-BO-02001', 'Malta', 'ID'],
  ['MLT-BO-03001', 'Malta', 'ID'],
  ['SVK-BO-02001', 'Slovakia', 'ID'],
  ['SVK-BO-05001', 'Slovakia', 'ID'],
  ['SVK-BO-04001', 'Slovakia', 'ID'],
  ['ITA-BO-04003', 'Italy', 'ID'],
  ['ITA-BO-03004', 'Italy', 'ID'],
  ['ITA-BO-03002', 'Italy', 'ID'],
  ['ITA-BO-03001', 'Italy', 'ID'],
  ['ITA-BO-03003', 'Italy', 'ID'],
  ['DEU-BO-01003', 'Germany', 'ID'],
  ['DEU-BO-02001', 'Germany', 'ID'],
  ['SGP-BO-01001-A', 'Singapore', 'ID'],
  ['SGP-BO-01001', 'Singapore', 'ID'],
  ['CZE-BO-04001', 'Czech Republic', 'ID'],
  ['CZE-BO-04002', 'Czech Republic', 'ID'],
  ['IND-AO-01001', 'India', 'Passport'],
  ['CHN-AO-04003', 'China', 'Passport'],
  ['BGR-AO-01005', 'Bulgaria', 'Passport'],
  ['SVN-AO-02001-02003', 'Slovenia', 'Passport'],
  ['SVN-AO-02004', 'Slovenia', 'Passport'],
  ['SVN-BO-02001', 'Slovenia', 'ID'],
  ['SVN-AO-01004', 'Slovenia', 'Passport'],
  ['POL-BO-02001-02003', 'Poland', 'ID'],
  ['ESP-BO-03001', 'Spain', 'ID'],
  ['ESP-BO-05001', 'Spain', 'ID'],
  ['HRV-BO-02001', 'Croatia', 'ID'],
  ['HRV-AO-02001', 'Croatia', 'Passport'],
  ['FRA-BO-02002', 'France', 'ID'],
  ['FRA-AO-03001-03003', 'France', 'Passport'],
  ['MAR-AO-02001', 'Morocco', 'Passport'],
];

export const DOCUMENTS_WITH_ADDRESS: readonly DocumentWithAddress[] = Object.freeze(
  ROWS.map(([document, issuer, type]) =>
    Object.freeze({ document, issuer, type, country: ISSUER_ALPHA2[issuer] }),
  ),
);

/** True when the seed lists this exact document code (e.g. `DEU-BO-02001`). */
export function documentHasAddress(documentCode: string): boolean {
  return DOCUMENTS_WITH_ADDRESS.some((d) => d.document === documentCode);
}

// IDnow's `identificationdocument.type` values for the seed's ID/Passport column; other types never qualify.
const IDNOW_TYPE: Readonly<Record<string, AddressDocumentType>> = { IDCARD: 'ID', PASSPORT: 'Passport' };

/**
 * IDnow results carry the document type (IDCARD, PASSPORT, ...) and issuing country, not the seed's document
 * code, so this can only say that some version of that document carries an address (older series may not).
 */
export function documentMayCarryAddress(type: string, countryAlpha2: string): boolean {
  const seedType = IDNOW_TYPE[type.toUpperCase()];
  const country = countryAlpha2.toUpperCase();
  return !!seedType && DOCUMENTS_WITH_ADDRESS.some((d) => d.type === seedType && d.country === country);
}
