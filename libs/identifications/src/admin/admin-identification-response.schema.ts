import { ApiProperty } from '@nestjs/swagger';
import { SUPPORTED_METHODS } from '../dto/create-identification.dto.js';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import { FLAG_REASONS } from '../rules/review-case.js';

const text = { type: String, nullable: true } as const;
const dateTime = { type: String, format: 'date-time' } as const;
const nullableDateTime = { ...dateTime, nullable: true } as const;

/** An identification for staff with its review flags: ids only, no personal data. */
export class AdminIdentificationResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() person_id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty({ enum: SUPPORTED_METHODS }) method: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty(text) language: string | null;
  @ApiProperty({ ...text, description: "The provider's reference" }) reference: string | null;
  @ApiProperty({ ...text, description: "The provider's result code; always null for support agents" })
  provider_result: string | null;
  @ApiProperty({
    ...text,
    description: 'Support agents see only what a partner would (given for aborted and canceled)',
  })
  failure_reason: string | null;
  @ApiProperty() flagged: boolean;
  @ApiProperty({ enum: FLAG_REASONS, isArray: true }) flag_reasons: string[];
  @ApiProperty(text) proof_of_address_type: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) proof_of_address_issued_at: string | null;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty(dateTime) updated_at: string;
  @ApiProperty(nullableDateTime) completed_at: string | null;
  @ApiProperty(nullableDateTime) review_started_at: string | null;
}
