import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** Which dead-lettered deliveries to send again: created in [from, to), optionally of one subscription or partner. */
export class RedeliverFailedDto {
  @ApiProperty({ example: '2026-11-26T00:00:00Z' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2026-11-27T00:00:00Z' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'must be a subscription id' })
  subscription_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a partner id' })
  partner_id?: string;
}
