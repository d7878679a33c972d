import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '../access/permissions.js';

export class CreateStaffUserDto {
  @ApiProperty({ example: 'ana.keller@bank.example' })
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;

  @ApiProperty({ example: 'Ana Keller' })
  @MinLength(1)
  @MaxLength(100)
  @IsString()
  display_name!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  /** At least 12 characters from three of: lower case, upper case, digits, symbols; not the email. */
  @ApiProperty({ format: 'password' })
  @MaxLength(256)
  @IsString()
  password!: string;
}

/** react-admin sends the whole record on update; only these fields may change here. */
export class UpdateStaffUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
  @IsString()
  display_name?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password' })
  @MaxLength(256)
  @IsString()
  password!: string;
}
