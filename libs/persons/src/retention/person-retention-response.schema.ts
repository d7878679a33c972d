import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_HOLD_REASONS, RELATIONSHIP_END_REASONS } from './retention-rules.js';

// OpenAPI 3.0: a nullable enum lists null among its values, or a null fails validation.
const nullableEnum = (values: readonly string[]) => ({
  type: String,
  nullable: true,
  enum: [...values, null] as unknown as string[],
});
const text = { type: String, nullable: true } as const;
const dateTime = { type: String, format: 'date-time', nullable: true } as const;

/** A person's retention state after a decision, exactly what `toRetentionResponse` returns: no personal data. */
export class PersonRetentionResponseBody {
  @ApiProperty({ description: 'The person id' }) id: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) relationship_ended_on: string | null;
  @ApiProperty(nullableEnum(RELATIONSHIP_END_REASONS)) relationship_end_reason: string | null;
  @ApiProperty({ ...dateTime, description: 'When retention may erase the person; null while not ended' })
  erasable_from: string | null;
  @ApiProperty() legal_hold: boolean;
  @ApiProperty(nullableEnum(LEGAL_HOLD_REASONS)) legal_hold_reason: string | null;
  @ApiProperty({ ...text, description: 'The case or file number' }) legal_hold_reference: string | null;
  @ApiProperty({ ...text, format: 'uuid', description: 'Staff user id' }) legal_hold_set_by: string | null;
  @ApiProperty(dateTime) legal_hold_set_at: string | null;
  @ApiProperty(dateTime) retention_erased_at: string | null;
}
