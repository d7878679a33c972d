import { ApiProperty } from '@nestjs/swagger';
import { DocumentResponseBody } from '../dto/document-response.schema.js';

const text = { type: String, nullable: true } as const;

/** A document as staff see it, exactly what `toAdminDocumentResponse` returns: where it came from, how kept. */
export class AdminDocumentResponseBody extends DocumentResponseBody {
  @ApiProperty() partner_id: string;
  @ApiProperty() person_id: string;
  @ApiProperty(text) identification_id: string | null;
  @ApiProperty({ enum: ['partner', 'provider'], description: "A partner upload or the provider's evidence" })
  source: string;
  @ApiProperty({ ...text, description: "The provider's file name, for provider evidence" })
  provider_file: string | null;
  @ApiProperty({ description: 'False for evidence kept for compliance only' }) partner_visible: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) provider_canceled_at: string | null;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256: string;
}
