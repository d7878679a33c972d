import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import { SUPPORTED_METHODS } from './create-identification.dto.js';

const text = { type: String, nullable: true } as const;
const dateTime = { type: String, format: 'date-time', nullable: true } as const;

/** The Solaris identification body, exactly what `toIdentificationResponse` answers (create and list). */
export class IdentificationResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ ...text, description: "The provider's reference, once requested" }) reference: string | null;
  @ApiProperty({ ...text, description: 'Where the customer identifies, once requested' }) url: string | null;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty(dateTime) completed_at: string | null;
  @ApiProperty({ enum: SUPPORTED_METHODS }) method: string;
  @ApiProperty(text) proof_of_address_type: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) proof_of_address_issued_at: string | null;
  @ApiProperty(text) language: string | null;
  @ApiProperty({ ...text, description: 'Always null: no bank identification' }) iban: string | null;
  @ApiProperty({ ...dateTime, description: 'Always null' }) terms_and_conditions_signed_at: string | null;
  @ApiProperty({ ...dateTime, description: 'Always null' }) authorization_expires_at: string | null;
  @ApiProperty({ ...dateTime, description: 'Always null' }) confirmation_expires_at: string | null;
  @ApiProperty({ ...text, description: 'Given for aborted and canceled only' }) failure_reason: string | null;
}

/** `GET .../identifications/{id}`: the body plus its person, and its documents with `include_documents=true`. */
export class IdentificationDetailResponseBody extends IdentificationResponseBody {
  @ApiProperty() person_id: string;
  // The document body is the documents lib's (which depends on this one), so it is not described here.
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'Only with include_documents=true: the documents, as GET .../documents/{id} answers them',
  })
  documents?: object[];
}

/** `PATCH .../request`: the body plus the provider's current waiting time. */
export class RequestedIdentificationResponseBody extends IdentificationResponseBody {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Seconds' })
  estimated_waiting_time: number | null;
}

/** One entry of `GET .../supported_documents`. */
export class SupportedDocumentBody {
  @ApiProperty({ enum: ['PASSPORT', 'IDCARD', 'RESIDENCE_TITLE'] }) type: string;
  @ApiProperty({ type: [String], description: 'ISO 3166-1 alpha-2' }) issuing_countries: string[];
}
