import { ApiProperty } from '@nestjs/swagger';

/** `POST /oauth/token`: the `TokenResponse` the partner auth service issues. */
export class TokenResponseBody {
  @ApiProperty() access_token: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type: string;
  @ApiProperty({ type: 'integer', description: 'Seconds' }) expires_in: number;
}
