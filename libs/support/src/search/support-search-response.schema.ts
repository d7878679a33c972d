import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IDENTIFICATION_STATUSES } from '#kyc/identifications';
import { SEARCH_KINDS } from './search-query.js';

/** The newest identification of a found customer. */
export class SupportSearchIdentificationBody {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'The IDnow reference' }) reference: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updated_at: string;
}

/** One found customer, exactly a `SearchResult`: masked the same for every role. */
export class SupportSearchResultBody {
  @ApiProperty() person_id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty({ description: 'First and last name' }) name: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The birth year only' })
  birth_year: number | null;
  @ApiPropertyOptional({ description: 'j•••@example.com; absent when the person has no email' })
  email_masked?: string;
  @ApiProperty({ type: String, nullable: true, description: '••••567' }) mobile_masked: string | null;
  // OpenAPI 3.0 cannot mark a $ref nullable: the identification, or null (a nullable enum of just null).
  @ApiProperty({
    oneOf: [
      { $ref: getSchemaPath(SupportSearchIdentificationBody) },
      { type: 'object', nullable: true, enum: [null] },
    ],
    description: 'Null when the person has no identification',
  })
  latest_identification: SupportSearchIdentificationBody | null;
  @ApiProperty({ enum: ['exact', 'fuzzy'] }) match: string;
  @ApiProperty({ description: '1 for an exact match; the word similarity (0.5-1) for a name' }) score: number;
}

/** `GET /admin/support/search`: what the query was taken for, and the customers found. */
export class SupportSearchResponseBody {
  @ApiProperty({ enum: SEARCH_KINDS }) kind: string;
  @ApiProperty({ type: [SupportSearchResultBody] }) results: SupportSearchResultBody[];
}
