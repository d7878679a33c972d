import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  HOLD_REFERENCE,
  LEGAL_HOLD_LIFT_REASONS,
  LEGAL_HOLD_REASONS,
  RELATIONSHIP_END_REASONS,
} from './retention-rules.js';
import type { RetentionState } from './retention.repository.js';
import { keepUntil } from './retention-rules.js';

export class RelationshipEndDto {
  /** The day the business relationship ended (UTC); the keep period runs from the end of its calendar year. */
  @ApiProperty({ example: '2026-03-31', format: 'date' })
  @IsString({ message: 'must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  ended_on: string;

  /** Why it ended, as a code (no free text: the audit trail keeps it for good). */
  @ApiProperty({ enum: RELATIONSHIP_END_REASONS })
  @IsIn(RELATIONSHIP_END_REASONS, { message: `must be one of ${RELATIONSHIP_END_REASONS.join(', ')}` })
  reason: string;
}

export class LegalHoldDto {
  /** Why the person's records must be kept beyond retention. */
  @ApiProperty({ enum: LEGAL_HOLD_REASONS })
  @IsIn(LEGAL_HOLD_REASONS, { message: `must be one of ${LEGAL_HOLD_REASONS.join(', ')}` })
  reason: string;

  /** The case or file number (letters, digits, `./_-`; never a name). */
  @ApiPropertyOptional({ example: 'LG-Berlin-2026/17' })
  @IsOptional()
  @IsString({ message: 'must be a case or file number' })
  @Matches(HOLD_REFERENCE, { message: 'must be a case or file number: letters, digits and ./_- only' })
  reference?: string;
}

export class LiftLegalHoldDto {
  /** Why the hold ends. */
  @ApiProperty({ enum: LEGAL_HOLD_LIFT_REASONS })
  @IsIn(LEGAL_HOLD_LIFT_REASONS, { message: `must be one of ${LEGAL_HOLD_LIFT_REASONS.join(', ')}` })
  reason: string;
}

/** A person's retention state for the console: no personal data beyond the id. */
export function toRetentionResponse(s: RetentionState, keepYears: number) {
  return {
    id: s.id,
    relationship_ended_on: s.relationship_ended_on,
    relationship_end_reason: s.relationship_end_reason,
    erasable_from: s.relationship_ended_on ? keepUntil(s.relationship_ended_on, keepYears) : null,
    legal_hold: s.legal_hold,
    legal_hold_reason: s.legal_hold_reason,
    legal_hold_reference: s.legal_hold_reference,
    legal_hold_set_by: s.legal_hold_set_by,
    legal_hold_set_at: s.legal_hold_set_at,
    retention_erased_at: s.retention_erased_at,
  };
}
