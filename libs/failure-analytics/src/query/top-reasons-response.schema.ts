import { ApiProperty } from '@nestjs/swagger';
import { AnalyticsPreviousRangeBody, AnalyticsRangeBody } from './analytics-range-response.schema.js';
import { FailureReasonCountBody } from './failure-reason-response.schema.js';

/** One of the most frequent failure reasons, against the range before. */
export class TopReasonBody extends FailureReasonCountBody {
  @ApiProperty({ type: 'integer' }) previous_count: number;
  @ApiProperty({ description: 'Of all outcomes in the previous range, 0-1' }) previous_share: number;
  @ApiProperty({ type: 'integer', description: 'count less previous_count' }) change: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'change of previous_count; null when the reason did not occur before',
  })
  change_share: number | null;
}

/** `GET /admin/analytics/top-reasons`: the most frequent failure reasons (at most `limit`). */
export class TopReasonsResponseBody {
  @ApiProperty({ type: AnalyticsRangeBody }) range: AnalyticsRangeBody;
  @ApiProperty({
    type: AnalyticsPreviousRangeBody,
    description: 'The range of the same length just before',
  })
  previous_range: AnalyticsPreviousRangeBody;
  @ApiProperty({ type: 'integer' }) outcomes: number;
  @ApiProperty({ type: 'integer' }) previous_outcomes: number;
  @ApiProperty({ type: [TopReasonBody], description: 'Most frequent first' }) reasons: TopReasonBody[];
}
