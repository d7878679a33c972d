/** Allowed values of the person resource's enumerated fields (Solaris persons API). */
export const SALUTATIONS = ['MR', 'MS'] as const;
export const TITLES = ['DR', 'PROF', 'PROF_DR', 'LL_M', 'DR_DR'] as const;
export const EMPLOYMENT_STATUSES = [
  'EMPLOYED',
  'UNEMPLOYED',
  'FREELANCER',
  'SELF_EMPLOYED',
  'STUDENT',
  'PUPIL',
  'HOUSEWORK',
  'RETIRED',
  'CIVIL_SERVANT',
  'EXECUTIVE',
  'MANAGING_DIRECTOR',
  'MILITARY',
] as const;
export const TAX_ASSESSMENTS = ['NONE', 'SEPARATE', 'JOINT'] as const;
export const MARITAL_STATUSES = [
  'UNKNOWN',
  'SINGLE',
  'MARRIED',
  'DIVORCED',
  'WIDOWED',
  'SEPARATED',
  'REGISTERED_PARTNERSHIP',
] as const;

/** Employment statuses that need a NACE code, or industry and industry_key set to null (seed). */
export const SELF_EMPLOYED_STATUSES: readonly string[] = ['FREELANCER', 'SELF_EMPLOYED'];

/** The seed's mandatory data points for video identification. */
export const MANDATORY_FIELDS = [
  'salutation',
  'first_name',
  'last_name',
  'birth_date',
  'nationality',
  'address',
  'mobile_number',
  'data_terms_signed_at',
  'terms_conditions_signed_at',
] as const;
export const MANDATORY_ADDRESS_FIELDS = ['line_1', 'postal_code', 'city', 'country'] as const;

/** Fields PATCH /v1/persons/{id} may change (seed); anything else is for customer support. */
export const UPDATABLE_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'salutation',
  'address',
  'contact_address',
  'employment_status',
  'job_title',
  'email',
  'tax_information',
  'fatca_relevant',
  'fatca_crs_confirmed_at',
  'business_purpose',
  'industry',
  'industry_key',
  'own_economic_interest_signed_at',
  'aml_confirmed_on',
  'expected_monthly_revenue_cents',
  'vat_number',
  'website_social_media',
  'business_trading_name',
  'nace_code',
  'business_address_line_1',
  'business_address_line_2',
  'business_postal_code',
  'business_city',
  'business_country',
  'annual_income_range',
  'data_terms_signed_at',
  'branch',
  'birth_province',
  'birth_post_code',
  'socioprofessional_category',
  'purpose_of_account_opening',
  'main_income_source',
  'work_country',
  'work_province',
  'self_declared_as_pep',
  'international_operativity_expectation',
  'registration_number',
]);
