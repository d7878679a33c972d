import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import { FLAG_REASONS } from '../rules/review-case.js';
import { CaseNoteResponseBody } from './case-note-response.schema.js';
import { ReidentificationAllowanceResponseBody } from './reidentification-response.schema.js';
import { ReviewProposalResponseBody } from './review-proposal-response.schema.js';
import { CAUSED_BY_USER, FAILURE_CATEGORIES } from './review-queue-response.schema.js';
import { dateTime, freeForm, nullableDateTime, nullableEnum, text } from './schema-properties.js';

/** One row of the case page's diff (`FieldDiffRow`): our person's value next to the provider's reading. */
export class FieldDiffRowBody {
  @ApiProperty({ description: 'Solaris name, e.g. address.city' }) field: string;
  @ApiProperty(text) person_value: string | null;
  @ApiProperty(text) document_value: string | null;
  @ApiProperty({ description: "The provider's verdict: MATCH, CHANGE, NEW, …" }) status: string;
  @ApiProperty({ ...text, description: 'What we had sent, when the agent changed it' }) original:
    string | null;
  @ApiProperty() changed: boolean;
  @ApiProperty({ ...text, description: "Where the person's current value came from" }) source: string | null;
}

/** A change the identification made to the person's data. */
export class PersonDataChangeBody {
  @ApiProperty() field: string;
  @ApiProperty(text) old_value: string | null;
  @ApiProperty(text) new_value: string | null;
  @ApiProperty() source: string;
  @ApiProperty(dateTime) created_at: string;
}

/** Another identification of the same person. */
export class EarlierIdentificationBody {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty(text) failure_reason: string | null;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty(nullableDateTime) completed_at: string | null;
}

/** One thing that happened to the identification (`TimelineEntry`). */
export class TimelineEntryBody {
  @ApiProperty(dateTime) at: string;
  @ApiProperty({
    description: 'e.g. status_transition, provider_result, note, proposal, audit, webhook, job',
  })
  kind: string;
  @ApiProperty(text) actor: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ ...text, description: 'An id to open the detail by' }) ref: string | null;
  @ApiProperty(freeForm) detail: Record<string, unknown>;
}

/**
 * `GET /admin/review-cases/{id}`: the case page, everything an officer needs to decide (viewing it is
 * audited), exactly what `ReviewCasesService.view` answers.
 */
export class ReviewCaseResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() person_id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty(text) reference: string | null;
  @ApiProperty(text) language: string | null;
  @ApiProperty(text) provider_result: string | null;
  @ApiProperty(text) failure_reason: string | null;
  @ApiProperty(nullableEnum(FAILURE_CATEGORIES)) failure_category: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) failure_permanent: boolean | null;
  @ApiProperty(nullableEnum(CAUSED_BY_USER)) failure_caused_by_user: string | null;
  @ApiProperty() flagged: boolean;
  @ApiProperty({ enum: FLAG_REASONS, isArray: true }) flag_reasons: string[];
  @ApiProperty(text) proof_of_address_type: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) proof_of_address_issued_at: string | null;
  @ApiProperty(nullableDateTime) url_expires_at: string | null;
  @ApiProperty() case_open: boolean;
  @ApiProperty(nullableDateTime) case_opened_at: string | null;
  @ApiProperty(nullableDateTime) case_due_at: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty(nullableDateTime) escalated_at: string | null;
  @ApiProperty({ ...text, format: 'uuid' }) assignee_id: string | null;
  @ApiProperty(text) assignee_name: string | null;
  @ApiProperty(nullableDateTime) assigned_at: string | null;
  @ApiProperty({ ...text, format: 'uuid' }) decided_by: string | null;
  @ApiProperty(nullableDateTime) decided_at: string | null;
  @ApiProperty({ type: 'integer', description: 'To send with a decision' }) version: number;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty(nullableDateTime) completed_at: string | null;
  @ApiProperty(text) previous_identification_id: string | null;
  // The persons lib's body (its index does not export the class): referenced by its schema name.
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath('PersonResponseBody') }],
    description: 'The person, as GET /v1/persons/{id} answers it',
  })
  person: Record<string, unknown>;
  @ApiProperty({ type: [FieldDiffRowBody] }) field_diff: FieldDiffRowBody[];
  @ApiProperty({ type: [PersonDataChangeBody] }) data_changes: PersonDataChangeBody[];
  @ApiProperty({ type: [EarlierIdentificationBody], description: "The person's others, newest first" })
  earlier_identifications: EarlierIdentificationBody[];
  @ApiProperty({ type: [CaseNoteResponseBody] }) notes: CaseNoteResponseBody[];
  @ApiProperty({ type: [ReviewProposalResponseBody] }) proposals: ReviewProposalResponseBody[];
  @ApiProperty({ type: ReidentificationAllowanceResponseBody })
  reidentification: ReidentificationAllowanceResponseBody;
  @ApiProperty({ type: [TimelineEntryBody], description: 'In order' }) timeline: TimelineEntryBody[];
}
