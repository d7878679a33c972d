import { ApiProperty } from '@nestjs/swagger';
import { AnalyticsRangeBody } from './analytics-range-response.schema.js';

const count = { type: 'integer' } as const;

/** One bucket of the trend: outcomes by status (each outcome status present, 0 when none) and their total. */
export class StatusTrendPointBody {
  @ApiProperty({ type: String, format: 'date-time' }) start: string;
  @ApiProperty(count) successful: number;
  @ApiProperty(count) failed: number;
  @ApiProperty(count) aborted: number;
  @ApiProperty(count) canceled: number;
  @ApiProperty(count) expired: number;
  @ApiProperty(count) total: number;
}

/** `GET /admin/analytics/status-trend`: every bucket of the range, oldest first. */
export class StatusTrendResponseBody {
  @ApiProperty({ type: AnalyticsRangeBody }) range: AnalyticsRangeBody;
  @ApiProperty({ type: [StatusTrendPointBody] }) series: StatusTrendPointBody[];
}
