import {
  HasOwnValidationPipe,
  CountryField,
  DateField,
  NameField,
  PhoneField,
  TextField,
  TimestampField,
} from '#kyc/common';
import { UpdatePersonDto } from './person-fields.dto.js';

/** POST /v1/persons: the updatable fields plus those fixed at creation (names, birth data, contact). */
@HasOwnValidationPipe()
export class CreatePersonDto extends UpdatePersonDto {
  @NameField('All first and middle names as printed on the ID document') first_name?: string | null;
  @NameField('All last-name parts as printed on the ID document') last_name?: string | null;
  @PhoneField('E.164') mobile_number?: string | null;
  @NameField() birth_name?: string | null;
  @DateField('YYYY-MM-DD, in the past') birth_date?: string | null;
  @TextField(100) birth_city?: string | null;
  @CountryField() birth_country?: string | null;
  @CountryField('ISO 3166-1 alpha-2') nationality?: string | null;
  @TimestampField('Consent to the terms and conditions (UTC)') terms_conditions_signed_at?: string | null;
  @TextField(100) business_state?: string | null;
}
