import { ApiProperty } from '@nestjs/swagger';

/** An active compliance officer a case can be assigned to: id and display name only. */
export class ReviewOfficerResponseBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() display_name: string;
}
