import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** The staff member's email address. */
  @ApiProperty({ example: 'admin@kyc.local' })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

/** Who is signed in and what the role may do: the console hides the rest. */
export interface MeResponse {
  id: string;
  email: string;
  display_name: string;
  role: string;
  permissions: string[];
}
