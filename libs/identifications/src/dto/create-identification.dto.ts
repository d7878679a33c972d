import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { EnumField, HasOwnValidationPipe, TextField } from '#kyc/common';
import { PROOF_OF_ADDRESS_TYPES } from '../rules/proof-of-address.js';

export const SUPPORTED_METHODS = ['idnow'] as const;
export const LANGUAGES = ['EN', 'DE'] as const;

@HasOwnValidationPipe()
export class CreateIdentificationDto {
  @ApiProperty({
    enum: SUPPORTED_METHODS,
    description: 'The identification method; only idnow is supported.',
  })
  @IsString({ message: `is required; supported methods are: ${SUPPORTED_METHODS.join(', ')}` })
  @IsIn(SUPPORTED_METHODS, {
    message: `is not supported; supported methods are: ${SUPPORTED_METHODS.join(', ')}`,
  })
  method: string;

  @EnumField(LANGUAGES, "The customer's language for the video call") language?: string | null;

  @EnumField(PROOF_OF_ADDRESS_TYPES, 'Needed when the ID document carries no address')
  proof_of_address_type?: string | null;

  @TextField(10, 'YYYY-MM-DD, not older than 6 months') proof_of_address_issued_at?: string | null;
}
