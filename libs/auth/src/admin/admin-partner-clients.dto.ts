import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreatePartnerClientDto {
  /** The partner's display name (a new partner is created unless partner_id names an existing one). */
  @ApiProperty({ example: 'Acme Bank' })
  @MinLength(1)
  @MaxLength(200)
  @IsString()
  partner_name!: string;

  /** Add the client to this partner (created with partner_name when it does not exist). */
  @ApiPropertyOptional({ example: 'acme' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dash or underscore' })
  partner_id?: string;
}

export class UpdatePartnerClientDto {
  @ApiProperty({ enum: ['active', 'disabled'] })
  @IsIn(['active', 'disabled'])
  status!: 'active' | 'disabled';
}
