import { ApiProperty } from '@nestjs/swagger';
import type { Granularity } from '../rollup/analytics-counts.repository.js';

const GRANULARITIES = ['hour', 'day', 'week'] as const satisfies readonly Granularity[];
const dateTime = { type: String, format: 'date-time' } as const;

/** The range an analytics answer covers: whole UTC hours, `to` excluded. */
export class AnalyticsPreviousRangeBody {
  @ApiProperty(dateTime) from: string;
  @ApiProperty(dateTime) to: string;
}

/** The range asked for (defaults filled in, rounded to whole hours) and the granularity of its buckets. */
export class AnalyticsRangeBody extends AnalyticsPreviousRangeBody {
  @ApiProperty({ enum: GRANULARITIES }) granularity: string;
}
