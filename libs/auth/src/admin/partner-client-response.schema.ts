import { ApiProperty } from '@nestjs/swagger';

/** A partner API client as staff see it, exactly `PartnerClientRecord`: never the secret's hash. */
export class PartnerClientResponseBody {
  @ApiProperty({ description: 'The client_id the partner signs in with' }) id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty() partner_name: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time' }) secret_rotated_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_used_at: string | null;
}

/** The create and rotate answers, the only ones that show the client secret. */
export class PartnerClientWithSecretResponseBody extends PartnerClientResponseBody {
  @ApiProperty({ description: 'The client secret; shown once, stored only as a hash' }) secret: string;
}
