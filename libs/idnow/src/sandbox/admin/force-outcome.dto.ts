import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Body of the sandbox's force-outcome endpoint; the values are checked by the service. */
export class ForceOutcomeDto {
  /** An IDnow result code, e.g. SUCCESS, REVIEW_PENDING, ABORTED. */
  @ApiProperty({ example: 'CANCELED' })
  @IsString()
  result: string;

  /** An IDnow failure code; required for ABORTED and CANCELED, not allowed otherwise. */
  @ApiProperty({ required: false, nullable: true, example: 'TECH_PHOTO' })
  @IsOptional()
  @IsString()
  reason?: string | null;
}
