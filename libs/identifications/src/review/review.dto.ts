import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { REVIEW_ACTIONS, type ReviewAction } from '../rules/decision-reasons.js';

const IDENTIFICATION_ID = /^[0-9a-f]{32}cidt$/;

export class DecisionDto {
  @ApiProperty({ enum: REVIEW_ACTIONS })
  @IsIn(REVIEW_ACTIONS)
  action!: ReviewAction;

  @ApiProperty({ description: 'A documented reason of the action (GET /admin/review-reasons)' })
  @Length(1, 64)
  @IsString()
  reason_code!: string;

  @ApiProperty({ description: 'Why, in the officer’s words (10-2000 characters)' })
  @Length(10, 2000)
  @IsString()
  justification!: string;

  @ApiProperty({ description: 'The version of the identification the officer decided on' })
  @Min(1)
  @IsInt()
  version!: number;
}

export class BulkDecisionDto {
  @ApiProperty({ type: [String], maxItems: 100 })
  @Matches(IDENTIFICATION_ID, { each: true, message: 'must be identification ids' })
  @ArrayMaxSize(100)
  @ArrayMinSize(1)
  @IsArray()
  ids!: string[];

  @ApiProperty({ enum: ['reject', 'retry'] })
  @IsIn(['reject', 'retry'])
  action!: 'reject' | 'retry';

  @ApiProperty()
  @Length(1, 64)
  @IsString()
  reason_code!: string;

  @ApiProperty()
  @Length(10, 2000)
  @IsString()
  justification!: string;
}

export class AssignDto {
  @ApiProperty({ description: 'A compliance officer’s user id' })
  @IsUUID()
  assignee_id!: string;
}

export class NoteDto {
  @ApiProperty({ description: 'Internal note (1-4000 characters), never shown to partners' })
  @Length(1, 4000)
  @IsString()
  body!: string;
}

export class ReidentifyDto {
  @ApiPropertyOptional({ description: 'Required to override a blocking policy (10-2000 characters)' })
  @IsOptional()
  @Length(10, 2000)
  @IsString()
  justification?: string;
}

export class BulkReidentifyDto {
  @ApiProperty({ type: [String], maxItems: 100 })
  @Matches(IDENTIFICATION_ID, { each: true, message: 'must be identification ids' })
  @ArrayMaxSize(100)
  @ArrayMinSize(1)
  @IsArray()
  ids!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Length(10, 2000)
  @IsString()
  justification?: string;
}
