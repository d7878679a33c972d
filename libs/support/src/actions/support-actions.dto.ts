import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ReidentificationProposalDto {
  @ApiProperty({
    description: 'Why the customer should identify again (10-2000 characters), for the officer',
  })
  @Length(10, 2000)
  @IsString()
  justification!: string;
}
