import { ApiProperty } from '@nestjs/swagger';
import { FINAL_STATUSES, IDENTIFICATION_STATUSES } from '#kyc/identifications';
import { AnalyticsRangeBody } from './analytics-range-response.schema.js';

const seconds = { type: Number, nullable: true, description: 'Null when nothing was counted' } as const;

/** How many reached a final status, and the median and p90 of the time it took (seconds). */
export class TimeToFinalSummaryBody {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty(seconds) median_seconds: number | null;
  @ApiProperty(seconds) p90_seconds: number | null;
}

/** The times to one final status. */
export class TimeToFinalByStatusBody extends TimeToFinalSummaryBody {
  @ApiProperty({ enum: FINAL_STATUSES }) status: string;
}

/** The times along one path: the statuses an identification went through, in order. */
export class TimeToFinalByPathBody extends TimeToFinalSummaryBody {
  @ApiProperty({ type: String, enum: IDENTIFICATION_STATUSES, isArray: true }) path: string[];
}

/** `GET /admin/analytics/time-to-final`: overall, per final status and per path, most frequent first. */
export class TimeToFinalResponseBody {
  @ApiProperty({ type: AnalyticsRangeBody }) range: AnalyticsRangeBody;
  @ApiProperty({ description: 'How precise the figures are' }) resolution: string;
  @ApiProperty({ type: TimeToFinalSummaryBody }) overall: TimeToFinalSummaryBody;
  @ApiProperty({ type: [TimeToFinalByStatusBody] }) by_status: TimeToFinalByStatusBody[];
  @ApiProperty({ type: [TimeToFinalByPathBody] }) by_path: TimeToFinalByPathBody[];
}
