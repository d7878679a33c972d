import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** The staff member's email address. */
  @ApiProperty({ example: 'admin@kyc.local' })
  @MinLength(3)
  @MaxLength(254)
  @IsString()
  email!: string;

  @ApiProperty({ format: 'password' })
  @MinLength(1)
  @MaxLength(256)
  @IsString()
  password!: string;

  /** The authenticator app's 6-digit code, or a recovery code `xxxx-xxxx`, when the account has MFA. */
  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @Matches(/^([0-9]{6}|[A-Za-z0-9]{4}-[A-Za-z0-9]{4})$/, {
    message: 'must be a 6-digit code or a recovery code',
  })
  otp?: string;
}

export class MfaConfirmDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^[0-9]{6}$/, { message: 'must be the 6-digit code of the authenticator app' })
  otp!: string;
}

/** Who is signed in and what the role may do: the console hides the rest. */
export interface MeResponse {
  id: string;
  email: string;
  display_name: string;
  role: string;
  permissions: string[];
  mfa_enabled: boolean;
  /** MFA is required for the role and not set up: everything but enrolment answers 403 until it is. */
  mfa_enrolment_required: boolean;
}
