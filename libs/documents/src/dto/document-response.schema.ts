import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_TYPES } from '../rules/document-types.js';

/** A document as Solaris answers it: exactly what `toDocumentResponse` returns. */
export class DocumentResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'As sniffed from the bytes' }) content_type: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) document_type: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty() customer_accessible: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deleted_at: string | null;
}
