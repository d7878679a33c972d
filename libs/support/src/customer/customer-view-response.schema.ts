import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { IDENTIFICATION_STATUSES, REVIEW_ACTIONS } from '#kyc/identifications';
import { StaffPersonResponseBody } from '#kyc/persons';
import type { RetryHow } from './customer-words.js';
import { SupportNoteResponseBody } from './support-note-response.schema.js';

const RETRY_HOWS = ['same_link', 'new_link', 'none'] as const satisfies readonly RetryHow[];
const dateTime = { type: String, format: 'date-time' } as const;

/** A text in the customer's terms, in both languages. */
export class CustomerWordsBody {
  @ApiProperty() en: string;
  @ApiProperty() de: string;
}

/** Whether and how the customer can try again, exactly a `Retry`. */
export class CustomerRetryBody {
  @ApiProperty({ enum: RETRY_HOWS }) how: string;
  @ApiProperty({ type: String, nullable: true, description: 'Only for same_link: the still valid link' })
  url: string | null;
  @ApiProperty({ ...dateTime, nullable: true }) url_expires_at: string | null;
}

/** The header of the customer view: the newest identification in plain words, exactly a `Headline`. */
export class CustomerHeadlineBody {
  @ApiProperty({
    type: String,
    nullable: true,
    enum: [...IDENTIFICATION_STATUSES, null] as unknown as string[],
    description: 'Null when the person has no identification',
  })
  status: string | null;
  @ApiProperty({ type: CustomerWordsBody }) text: CustomerWordsBody;
  @ApiProperty() can_retry_now: boolean;
  @ApiProperty({ type: CustomerRetryBody }) retry: CustomerRetryBody;
  @ApiProperty({ type: CustomerWordsBody }) next_step: CustomerWordsBody;
}

/** The reason shown for an aborted or canceled identification, from the failure-code catalog only. */
export class CustomerReasonBody {
  @ApiProperty({ type: String, nullable: true, description: 'Null when unknown or naming a suspicion' })
  code: string | null;
  @ApiProperty({ type: CustomerWordsBody }) what_happened: CustomerWordsBody;
  @ApiProperty({ type: CustomerWordsBody }) next_step: CustomerWordsBody;
}

/** One timeline line of an identification, in the customer's terms. */
export class CustomerEventBody {
  @ApiProperty(dateTime) at: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty({ type: CustomerWordsBody }) text: CustomerWordsBody;
}

/** One identification of the person, newest first, with its timeline. */
export class CustomerIdentificationBody {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'The IDnow reference' }) reference: string | null;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty(dateTime) updated_at: string;
  @ApiProperty({ description: 'The link can still be used' }) url_valid: boolean;
  // OpenAPI 3.0 cannot mark a $ref nullable: the reason, or null (a nullable enum of just null).
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(CustomerReasonBody) }, { type: 'object', nullable: true, enum: [null] }],
    description: 'Only for aborted and canceled; null otherwise',
  })
  reason: CustomerReasonBody | null;
  @ApiProperty({ type: [CustomerEventBody] }) events: CustomerEventBody[];
}

/** A proposal on one of the person's identifications still awaiting an officer. */
export class CustomerPendingProposalBody {
  @ApiProperty() id: string;
  @ApiProperty() identification_id: string;
  @ApiProperty({ enum: [...REVIEW_ACTIONS, 'reidentify'] }) action: string;
  @ApiProperty() reason_code: string;
  @ApiProperty({ type: String, nullable: true }) proposed_by_name: string | null;
  @ApiProperty(dateTime) proposed_at: string;
}

/** `GET /admin/support/customers/{personId}`: the person 360, masked for every role. */
export class CustomerViewResponseBody {
  @ApiProperty({ type: StaffPersonResponseBody, description: 'Masked (maskPerson) for every role' })
  person: StaffPersonResponseBody;
  @ApiProperty({ enum: ['de', 'en'], description: 'That of the newest identification; en by default' })
  customer_language: string;
  @ApiProperty({ type: CustomerHeadlineBody }) headline: CustomerHeadlineBody;
  @ApiProperty({ type: [CustomerIdentificationBody], description: 'Newest first' })
  identifications: CustomerIdentificationBody[];
  @ApiProperty({ type: [SupportNoteResponseBody], description: 'Newest first' })
  notes: SupportNoteResponseBody[];
  @ApiProperty({ type: [CustomerPendingProposalBody] }) pending_proposals: CustomerPendingProposalBody[];
}
