import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const dateTime = { type: String, format: 'date-time' } as const;

/** One row of the AML follow-up list, exactly what the list answers; the name only for full-data roles. */
export class AmlFollowUpResponseBody {
  @ApiProperty({ description: 'The person id (the list has one row per person)' }) id: string;
  @ApiProperty() person_id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty({ format: 'date', description: "The person's AML follow-up date as listed" }) due_date: string;
  @ApiProperty({ type: 'integer', description: 'Whole days from today to the due date; negative once past' })
  days_left: number;
  @ApiProperty({ description: 'The due date is before today' }) overdue: boolean;
  @ApiProperty(dateTime) first_listed_at: string;
  @ApiProperty(dateTime) last_listed_at: string;
  @ApiProperty({ ...dateTime, nullable: true, description: 'Null while open' }) resolved_at: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only when not masked' })
  first_name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only when not masked' })
  last_name?: string | null;
  @ApiProperty({ description: 'True for support agents: no name' }) masked: boolean;
}
