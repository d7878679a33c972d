import { ApiProperty } from '@nestjs/swagger';
import { AnalyticsRangeBody } from './analytics-range-response.schema.js';

const FUNNEL_STEPS = ['created', 'requested', 'reviewed', 'successful'] as const;

/** One step of the funnel, against the created ones and the step before. */
export class FunnelStepBody {
  @ApiProperty({ enum: FUNNEL_STEPS }) step: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: 'Of the created ones, 0-1' }) conversion: number;
  @ApiProperty({ type: 'integer', description: 'The step before less this one' }) drop_off: number;
  @ApiProperty({ description: 'Of the step before, 0-1' }) drop_off_share: number;
}

/** `GET /admin/analytics/funnel`: the four steps, in order, for identifications created in the range. */
export class FunnelResponseBody {
  @ApiProperty({ type: AnalyticsRangeBody }) range: AnalyticsRangeBody;
  @ApiProperty({ type: [FunnelStepBody] }) steps: FunnelStepBody[];
}
