import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * One item of a bulk action, as `settle` reports it: done (`ok`, with its `result`, described by each bulk
 * answer), or the error that item met, never an exception for the whole batch.
 */
export class BulkItemResponseBody {
  @ApiProperty({ description: 'The id as sent' }) id: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ type: 'integer', description: 'Only when not ok: the HTTP status of the error' })
  status?: number;
  @ApiPropertyOptional({ description: 'Only when not ok: the error code' }) code?: string;
  @ApiPropertyOptional({ description: 'Only when not ok' }) detail?: string;
}
