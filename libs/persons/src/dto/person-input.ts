import type { PersonEntity } from '../entities/person.entity.js';
import type { AddressDto, TaxInformationDto } from './person-fields.dto.js';

type Input = Record<string, unknown>;
type Columns = Partial<PersonEntity>;

/** Flat request fields to entity columns; an absent key changes nothing, an explicit null clears. */
const SIMPLE: Record<string, keyof PersonEntity> = {
  salutation: 'salutation',
  title: 'title',
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  mobile_number: 'mobileNumber',
  birth_name: 'birthName',
  birth_date: 'birthDate',
  birth_city: 'birthCity',
  birth_country: 'birthCountry',
  nationality: 'nationality',
  employment_status: 'employmentStatus',
  job_title: 'jobTitle',
  fatca_relevant: 'fatcaRelevant',
  business_purpose: 'businessPurpose',
  industry: 'industry',
  industry_key: 'industryKey',
  aml_confirmed_on: 'amlConfirmedOn',
  expected_monthly_revenue_cents: 'expectedMonthlyRevenueCents',
  vat_number: 'vatNumber',
  website_social_media: 'websiteSocialMedia',
  business_trading_name: 'businessTradingName',
  nace_code: 'naceCode',
  business_address_line_1: 'businessAddressLine1',
  business_address_line_2: 'businessAddressLine2',
  business_postal_code: 'businessPostalCode',
  business_city: 'businessCity',
  business_country: 'businessCountry',
  business_state: 'businessState',
  annual_income_range: 'annualIncomeRange',
  branch: 'branch',
  birth_province: 'birthProvince',
  birth_post_code: 'birthPostCode',
  socioprofessional_category: 'socioprofessionalCategory',
  purpose_of_account_opening: 'purposeOfAccountOpening',
  main_income_source: 'mainIncomeSource',
  work_country: 'workCountry',
  work_province: 'workProvince',
  self_declared_as_pep: 'selfDeclaredAsPep',
  registration_number: 'registrationNumber',
};

const TIMESTAMPS: Record<string, keyof PersonEntity> = {
  fatca_crs_confirmed_at: 'fatcaCrsConfirmedAt',
  terms_conditions_signed_at: 'termsConditionsSignedAt',
  own_economic_interest_signed_at: 'ownEconomicInterestSignedAt',
  data_terms_signed_at: 'dataTermsSignedAt',
};

const ADDRESS_PARTS = {
  line_1: 'Line1',
  line_2: 'Line2',
  postal_code: 'PostalCode',
  city: 'City',
  country: 'Country',
  state: 'State',
} as const;

export function toColumns(body: Input): Columns {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(SIMPLE))
    if (body[field] !== undefined) out[column] = body[field];
  for (const [field, column] of Object.entries(TIMESTAMPS)) {
    const v = body[field];
    if (v !== undefined) out[column] = v === null ? null : new Date(v as string);
  }
  addressColumns(out, 'address', body.address as AddressDto | null | undefined);
  addressColumns(out, 'contactAddress', body.contact_address as AddressDto | null | undefined);
  const tax = body.tax_information as TaxInformationDto | null | undefined;
  if (tax === null) {
    out.taxAssessment = null;
    out.maritalStatus = 'UNKNOWN';
  } else if (tax) {
    if (tax.tax_assessment !== undefined) out.taxAssessment = tax.tax_assessment;
    if (tax.marital_status !== undefined) out.maritalStatus = tax.marital_status ?? 'UNKNOWN';
  }
  if (body.international_operativity_expectation !== undefined) {
    out.internationalOperativityExpectation = body.international_operativity_expectation ?? [];
  }
  return out;
}

function addressColumns(
  out: Record<string, unknown>,
  prefix: string,
  address: AddressDto | null | undefined,
) {
  if (address === undefined) return;
  for (const [part, suffix] of Object.entries(ADDRESS_PARTS)) {
    const v = address === null ? null : (address as Record<string, unknown>)[part];
    if (v !== undefined) out[`${prefix}${suffix}`] = v;
  }
}
