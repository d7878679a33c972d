import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, ValidateNested } from 'class-validator';
import {
  BooleanField,
  CountryField,
  CountryListField,
  EnumField,
  HasOwnValidationPipe,
  IntField,
  Optional,
  TextField,
  TimestampField,
} from '#kyc/common';
import {
  EMPLOYMENT_STATUSES,
  MARITAL_STATUSES,
  SALUTATIONS,
  TAX_ASSESSMENTS,
  TITLES,
} from '../rules/person-enums.js';

export class AddressDto {
  @TextField(255, 'Street') line_1?: string | null;
  @TextField(255, 'House number or address supplement') line_2?: string | null;
  @TextField(20) postal_code?: string | null;
  @TextField(100) city?: string | null;
  @CountryField('ISO 3166-1 alpha-2') country?: string | null;
  @TextField(100) state?: string | null;
}

export class TaxInformationDto {
  @EnumField(TAX_ASSESSMENTS) tax_assessment?: string | null;
  @EnumField(MARITAL_STATUSES) marital_status?: string | null;
}

const Nested = (cls: new () => object) => (target: object, key: string) => {
  ApiProperty({ required: false, nullable: true, type: cls })(target, key);
  Optional({ nullable: true })(target, key);
  IsObject({ message: 'must be an object' })(target, key);
  ValidateNested()(target, key);
  Type(() => cls)(target, key);
};

/** The fields a partner may set on create and change with PATCH (the seed's updatable list). */
@HasOwnValidationPipe()
export class UpdatePersonDto {
  @EnumField(TITLES) title?: string | null;
  @EnumField(SALUTATIONS) salutation?: string | null;
  @Nested(AddressDto) address?: AddressDto | null;
  @Nested(AddressDto) contact_address?: AddressDto | null;
  @EnumField(EMPLOYMENT_STATUSES) employment_status?: string | null;
  @TextField(100) job_title?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'email' })
  @Optional({ nullable: true })
  @IsEmail({}, { message: 'must be a valid email address' })
  email?: string | null;

  @Nested(TaxInformationDto) tax_information?: TaxInformationDto | null;
  @BooleanField() fatca_relevant?: boolean | null;
  @TimestampField() fatca_crs_confirmed_at?: string | null;
  @TextField(255) business_purpose?: string | null;
  @TextField(100) industry?: string | null;
  @TextField(100) industry_key?: string | null;
  @TimestampField() own_economic_interest_signed_at?: string | null;
  @TextField(10, 'Only today or tomorrow (UTC), as YYYY-MM-DD') aml_confirmed_on?: string | null;
  @IntField(0, 1e13) expected_monthly_revenue_cents?: number | null;
  @TextField(30) vat_number?: string | null;
  @TextField(255) website_social_media?: string | null;
  @TextField(255) business_trading_name?: string | null;
  @TextField(20) nace_code?: string | null;
  @TextField(255) business_address_line_1?: string | null;
  @TextField(255) business_address_line_2?: string | null;
  @TextField(20) business_postal_code?: string | null;
  @TextField(100) business_city?: string | null;
  @CountryField() business_country?: string | null;
  @TextField(50) annual_income_range?: string | null;
  @TimestampField('Consent to data processing (UTC)') data_terms_signed_at?: string | null;
  @TextField(64) branch?: string | null;
  @TextField(100) birth_province?: string | null;
  @TextField(20) birth_post_code?: string | null;
  @TextField(100) socioprofessional_category?: string | null;
  @TextField(255) purpose_of_account_opening?: string | null;
  @TextField(100) main_income_source?: string | null;
  @CountryField() work_country?: string | null;
  @TextField(100) work_province?: string | null;
  @BooleanField() self_declared_as_pep?: boolean | null;
  @CountryListField() international_operativity_expectation?: string[] | null;
  @TextField(100) registration_number?: string | null;
}
