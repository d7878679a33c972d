import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class AnswerQueryDto {
  @ApiPropertyOptional({ enum: ['de', 'en'], description: "Default: the customer's language" })
  @IsIn(['de', 'en'])
  @IsOptional()
  language?: 'de' | 'en';

  @ApiPropertyOptional({
    description: 'Answer about this identification of the person (default: the newest)',
  })
  @Length(36, 36)
  @IsString()
  @IsOptional()
  identification_id?: string;
}

export class SupportNoteDto {
  @ApiProperty({ description: 'An internal note (1-2000 characters); never shown to the customer' })
  @Length(1, 2000)
  @IsString()
  body!: string;
}

export class UnmaskDto {
  @ApiProperty({ description: 'Why the full personal data is needed (10-500 characters); audited' })
  @Length(10, 500)
  @IsString()
  reason!: string;
}
