import { ApiProperty } from '@nestjs/swagger';
import { OUTCOME_CATEGORIES } from '#kyc/identifications';

const dateTime = { type: String, format: 'date-time' } as const;
const text = { type: String, nullable: true } as const;

/** One failure-rate alert, exactly what the alerts controller's `view` answers (list, one, acknowledge). */
export class AnalyticsAlertResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The failure reason whose count rose (a catalog code or an officer reason)' })
  reason: string;
  @ApiProperty({ enum: OUTCOME_CATEGORIES }) category: string;
  @ApiProperty({ ...dateTime, description: 'The UTC hour counted' }) hour: string;
  @ApiProperty({ type: 'integer', description: 'Outcomes with this reason in that hour' }) observed: number;
  @ApiProperty({ description: 'The usual count per hour, two decimals' }) baseline: number;
  @ApiProperty({ description: 'How many times the baseline raises an alert' }) factor: number;
  @ApiProperty({ type: 'integer', description: 'The least count that raises an alert' }) min_volume: number;
  @ApiProperty(dateTime) raised_at: string;
  @ApiProperty({ ...dateTime, nullable: true, description: 'Null while open' }) acknowledged_at:
    string | null;
  @ApiProperty({ ...text, description: 'The staff user who acknowledged it' }) acknowledged_by: string | null;
  @ApiProperty({ ...text, description: "That user's display name" }) acknowledged_by_name: string | null;
  @ApiProperty(text) acknowledgement_note: string | null;
}
