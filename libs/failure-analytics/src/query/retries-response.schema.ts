import { ApiProperty } from '@nestjs/swagger';
import { AnalyticsRangeBody } from './analytics-range-response.schema.js';
import { FailureClassBody } from './failure-reason-response.schema.js';

/** Re-identifications after one reason of the identification they follow, and how many succeeded. */
export class RetryReasonBody extends FailureClassBody {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The previous identification's reason; null when it had none",
  })
  previous_reason: string | null;
  @ApiProperty({ type: 'integer' }) reidentifications: number;
  @ApiProperty({ type: 'integer' }) successful: number;
  @ApiProperty({ description: 'successful of reidentifications, 0-1' }) success_rate: number;
}

/** `GET /admin/analytics/retries`: re-identifications that reached a final status in the range. */
export class RetriesResponseBody {
  @ApiProperty({ type: AnalyticsRangeBody }) range: AnalyticsRangeBody;
  @ApiProperty({ type: 'integer' }) reidentifications: number;
  @ApiProperty({ type: 'integer' }) successful: number;
  @ApiProperty({ description: 'successful of reidentifications, 0-1' }) success_rate: number;
  @ApiProperty({ type: [RetryReasonBody], description: 'Most frequent first' }) by_reason: RetryReasonBody[];
}
