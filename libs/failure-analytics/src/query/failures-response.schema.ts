import { ApiProperty } from '@nestjs/swagger';
import { OUTCOME_CATEGORIES } from '#kyc/identifications';
import { CAUSED_BY_USER } from '../catalog/failure-code-response.schema.js';
import { AnalyticsRangeBody } from './analytics-range-response.schema.js';
import { FailureReasonCountBody } from './failure-reason-response.schema.js';

const count = { type: 'integer' } as const;
const share = { type: Number, description: 'Of all outcomes in the range, 0-1' } as const;

/** Failures of one category. */
export class FailureCategoryCountBody {
  @ApiProperty({ enum: OUTCOME_CATEGORIES }) category: string;
  @ApiProperty(count) count: number;
  @ApiProperty(share) share: number;
}

/** Permanent (true) or temporary (false) failures. */
export class FailurePermanenceCountBody {
  @ApiProperty() permanent: boolean;
  @ApiProperty(count) count: number;
  @ApiProperty(share) share: number;
}

/** Failures the customer caused, did not cause, or of unknown cause. */
export class FailureCauseCountBody {
  @ApiProperty({ enum: CAUSED_BY_USER }) caused_by_user: string;
  @ApiProperty(count) count: number;
  @ApiProperty(share) share: number;
}

/** One bucket of the failure splits (each present, 0 when none). */
export class FailuresPointBody {
  @ApiProperty({ type: String, format: 'date-time' }) start: string;
  @ApiProperty(count) permanent: number;
  @ApiProperty(count) temporary: number;
  @ApiProperty(count) user_caused: number;
  @ApiProperty(count) not_user_caused: number;
  @ApiProperty({ ...count, description: 'Failures of unknown cause' }) unknown: number;
}

/** `GET /admin/analytics/failures`: failures by code, category and the two splits, and the splits per bucket. */
export class FailuresResponseBody {
  @ApiProperty({ type: AnalyticsRangeBody }) range: AnalyticsRangeBody;
  @ApiProperty({ ...count, description: 'All outcomes in the range (of the partner and language asked for)' })
  outcomes: number;
  @ApiProperty({ ...count, description: 'Outcomes but successful that pass the filters' }) failures: number;
  @ApiProperty(share) failure_share: number;
  @ApiProperty({ type: [FailureReasonCountBody], description: 'Most frequent first' })
  by_code: FailureReasonCountBody[];
  @ApiProperty({ type: [FailureCategoryCountBody], description: 'Most frequent first' })
  by_category: FailureCategoryCountBody[];
  @ApiProperty({ type: [FailurePermanenceCountBody], description: 'Permanent, then temporary' })
  by_permanence: FailurePermanenceCountBody[];
  @ApiProperty({ type: [FailureCauseCountBody], description: 'yes, no, unknown' })
  by_caused_by_user: FailureCauseCountBody[];
  @ApiProperty({ type: [FailuresPointBody] }) series: FailuresPointBody[];
}
