import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_ACTIONS } from '../rules/decision-reasons.js';
import { FAILURE_CODES } from '../rules/failure-codes.js';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import { FLAG_REASONS } from '../rules/review-case.js';
import { dateTime, nullableDateTime, nullableEnum, text } from './schema-properties.js';

export const FAILURE_CATEGORIES = [...new Set(FAILURE_CODES.map((c) => c.category))];
export const CAUSED_BY_USER = [...new Set(FAILURE_CODES.map((c) => c.causedByUser))];

/** The fields of a `QueueRow` but its clock: the row itself and the queue's entries say how it reads. */
class QueueRowFields {
  @ApiProperty() id: string;
  @ApiProperty() person_id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty(text) provider_result: string | null;
  @ApiProperty(text) failure_reason: string | null;
  @ApiProperty(text) language: string | null;
  @ApiProperty() flagged: boolean;
  @ApiProperty({ enum: FLAG_REASONS, isArray: true }) flag_reasons: string[];
  @ApiProperty({ ...text, format: 'uuid' }) assignee_id: string | null;
  @ApiProperty(text) assignee_name: string | null;
  @ApiProperty(nullableDateTime) assigned_at: string | null;
  @ApiProperty({ type: 'integer', description: 'To send with a decision' }) version: number;
  @ApiProperty(text) first_name: string | null;
  @ApiProperty(text) last_name: string | null;
  @ApiProperty({ ...text, description: 'The proposal awaiting a second officer, if any' })
  proposal_id: string | null;
  @ApiProperty(nullableEnum([...REVIEW_ACTIONS, 'reidentify'])) proposal_action: string | null;
  @ApiProperty({ ...text, format: 'uuid' }) proposed_by: string | null;
  @ApiProperty({ ...nullableDateTime, description: 'When the review SLA job escalated the open case' })
  escalated_at: string | null;
}

/**
 * One case as the queue reads it (`QueueRow`): what claim, release and assign answer after the change. The
 * person's name is shown.
 */
export class ReviewCaseRowResponseBody extends QueueRowFields {
  @ApiProperty({ ...nullableDateTime, description: 'Null once the case closed' }) case_opened_at:
    string | null;
  @ApiProperty({ ...nullableDateTime, description: 'Null once the case closed' }) case_due_at: string | null;
}

/** One entry of the review queue: an open case with the catalog's verdict on its reason and its SLA state. */
export class ReviewQueueEntryResponseBody extends QueueRowFields {
  @ApiProperty(dateTime) case_opened_at: string;
  @ApiProperty({ ...dateTime, description: 'SLA due time' }) case_due_at: string;
  @ApiProperty(nullableEnum(FAILURE_CATEGORIES)) failure_category: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) failure_permanent: boolean | null;
  @ApiProperty(nullableEnum(CAUSED_BY_USER)) failure_caused_by_user: string | null;
  @ApiProperty({ description: 'Past its 24-hour SLA' }) overdue: boolean;
  @ApiProperty({ description: 'A proposal awaits a second officer' }) awaiting_approval: boolean;
}
