import { ApiProperty } from '@nestjs/swagger';

/** `GET /health` when the database answers. */
export class HealthResponseBody {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['up'] }) database: string;
}
