/**
 * Answer of `GET /v1/persons/{person_id}/identifications/{id}/supported_documents` (seed, "GET List supported
 * documents for a person identification"): document types with ISO 3166-1 alpha-2 issuing countries.
 *
 * This is configuration data, not a rule: keep it in step with the provider's list of accepted documents
 * (IDnow VideoIdent, for customers residing in Germany). Types use IDnow's `identificationdocument.type` values.
 */
export type SupportedDocumentType = 'PASSPORT' | 'IDCARD' | 'RESIDENCE_TITLE';

export interface SupportedDocument {
  readonly type: SupportedDocumentType;
  readonly issuing_countries: readonly string[];
}

const codes = (list: string) => Object.freeze(list.trim().split(/\s+/));

// UN member and observer states plus HK, MO and TW, less the FATF "call for action" jurisdictions (IR, KP, MM).
const PASSPORT_COUNTRIES = codes(
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH ' +
    'CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN ' +
    'GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IS IT JM JO JP KE KG KH KI KM KN KR KW KZ LA LB LC LI ' +
    'LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR ' +
    'NZ OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV ' +
    'SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW',
);

// National identity cards only from the EU/EEA and Switzerland, whose cards are standardised travel documents.
const IDCARD_COUNTRIES = codes(
  'AT BE BG CH CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK',
);

const DOCUMENTS: SupportedDocument[] = [
  { type: 'PASSPORT', issuing_countries: PASSPORT_COUNTRIES },
  { type: 'IDCARD', issuing_countries: IDCARD_COUNTRIES },
  // German residence titles (eAT) of customers residing in Germany.
  { type: 'RESIDENCE_TITLE', issuing_countries: codes('DE') },
];

export const SUPPORTED_DOCUMENTS: readonly SupportedDocument[] = Object.freeze(
  DOCUMENTS.map((d) => Object.freeze(d)),
);
