import { ApiProperty } from '@nestjs/swagger';

/** A provider's raw result as received (personal data), one row of `provider_results`. */
export class ProviderResultResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() identification_id: string;
  @ApiProperty({ description: 'e.g. idnow' }) provider: string;
  @ApiProperty({ description: "The provider's result code" }) result: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The provider's body, verbatim" })
  payload: Record<string, unknown>;
  @ApiProperty({ description: 'How it arrived, e.g. the callback or polling' }) source: string;
  @ApiProperty({ type: String, format: 'date-time' }) received_at: string;
}
