import { ApiProperty } from '@nestjs/swagger';
import {
  EMPLOYMENT_STATUSES,
  MARITAL_STATUSES,
  SALUTATIONS,
  TAX_ASSESSMENTS,
  TITLES,
} from '../rules/person-enums.js';

// OpenAPI 3.0: a nullable enum lists null among its values, or a null fails validation.
const nullableEnum = (values: readonly string[]) => ({
  type: String,
  nullable: true,
  enum: [...values, null] as unknown as string[],
});
const text = { type: String, nullable: true } as const;
const date = { type: String, format: 'date', nullable: true } as const;
const dateTime = { type: String, format: 'date-time', nullable: true } as const;
const flag = { type: Boolean, nullable: true } as const;

/** `address` and `contact_address` of a person: every field may be null. */
export class PersonAddressBody {
  @ApiProperty(text) line_1: string | null;
  @ApiProperty(text) line_2: string | null;
  @ApiProperty(text) postal_code: string | null;
  @ApiProperty(text) city: string | null;
  @ApiProperty({ ...text, description: 'ISO 3166-1 alpha-2' }) country: string | null;
  @ApiProperty(text) state: string | null;
}

export class PersonTaxInformationBody {
  @ApiProperty(nullableEnum(TAX_ASSESSMENTS)) tax_assessment: string | null;
  @ApiProperty({ type: String, enum: MARITAL_STATUSES }) marital_status: string;
}

/** The Solaris person body, exactly what `toPersonResponse` answers. */
export class PersonResponseBody {
  @ApiProperty() id: string;
  @ApiProperty(nullableEnum(SALUTATIONS)) salutation: string | null;
  @ApiProperty(nullableEnum(TITLES)) title: string | null;
  @ApiProperty(text) first_name: string | null;
  @ApiProperty(text) last_name: string | null;
  @ApiProperty({ type: PersonAddressBody }) address: PersonAddressBody;
  @ApiProperty({ type: PersonAddressBody }) contact_address: PersonAddressBody;
  @ApiProperty(text) email: string | null;
  @ApiProperty(text) mobile_number: string | null;
  @ApiProperty(text) birth_name: string | null;
  @ApiProperty(date) birth_date: string | null;
  @ApiProperty(text) birth_city: string | null;
  @ApiProperty(text) birth_country: string | null;
  @ApiProperty(text) nationality: string | null;
  @ApiProperty(nullableEnum(EMPLOYMENT_STATUSES)) employment_status: string | null;
  @ApiProperty(text) job_title: string | null;
  @ApiProperty({ type: PersonTaxInformationBody }) tax_information: PersonTaxInformationBody;
  @ApiProperty(flag) fatca_relevant: boolean | null;
  @ApiProperty(dateTime) fatca_crs_confirmed_at: string | null;
  @ApiProperty(text) business_purpose: string | null;
  @ApiProperty(text) industry: string | null;
  @ApiProperty(text) industry_key: string | null;
  @ApiProperty(dateTime) terms_conditions_signed_at: string | null;
  @ApiProperty(dateTime) own_economic_interest_signed_at: string | null;
  @ApiProperty(date) aml_follow_up_date: string | null;
  @ApiProperty(date) aml_confirmed_on: string | null;
  @ApiProperty() flagged_by_compliance: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) expected_monthly_revenue_cents: number | null;
  @ApiProperty(text) vat_number: string | null;
  @ApiProperty(text) website_social_media: string | null;
  @ApiProperty(text) business_trading_name: string | null;
  @ApiProperty(text) nace_code: string | null;
  @ApiProperty(text) business_address_line_1: string | null;
  @ApiProperty(text) business_address_line_2: string | null;
  @ApiProperty(text) business_postal_code: string | null;
  @ApiProperty(text) business_city: string | null;
  @ApiProperty(text) business_country: string | null;
  @ApiProperty(text) business_state: string | null;
  @ApiProperty() screening_progress: string;
  @ApiProperty() risk_classification_status: string;
  @ApiProperty() customer_vetting_status: string;
  @ApiProperty(text) annual_income_range: string | null;
  @ApiProperty(dateTime) data_terms_signed_at: string | null;
  @ApiProperty(text) branch: string | null;
  @ApiProperty(text) birth_province: string | null;
  @ApiProperty(text) birth_post_code: string | null;
  @ApiProperty(text) socioprofessional_category: string | null;
  @ApiProperty(text) purpose_of_account_opening: string | null;
  @ApiProperty(text) main_income_source: string | null;
  @ApiProperty(text) work_country: string | null;
  @ApiProperty(text) work_province: string | null;
  @ApiProperty(flag) self_declared_as_pep: boolean | null;
  @ApiProperty({ type: [String] }) international_operativity_expectation: string[];
  @ApiProperty(text) registration_number: string | null;
  @ApiProperty(date) legitimation_valid_until: string | null;
}
