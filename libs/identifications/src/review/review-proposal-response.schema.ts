import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_ACTIONS } from '../rules/decision-reasons.js';
import type { ProposalRow } from './review.repository.js';

export const PROPOSAL_STATES = [
  'pending',
  'confirmed',
  'declined',
  'superseded',
] as const satisfies readonly ProposalRow['state'][];

const text = { type: String, nullable: true } as const;
const dateTime = { type: String, format: 'date-time' } as const;

/** A decision awaiting (or past) a second officer, exactly a `ProposalRow`. */
export class ReviewProposalResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() identification_id: string;
  @ApiProperty({ enum: [...REVIEW_ACTIONS, 'reidentify'] }) action: string;
  @ApiProperty() reason_code: string;
  @ApiProperty() justification: string;
  @ApiProperty({ type: 'integer', description: "The identification's version the proposer saw" })
  identification_version: number;
  @ApiProperty({ format: 'uuid', description: 'Staff user id' }) proposed_by: string;
  @ApiProperty(text) proposed_by_name: string | null;
  @ApiProperty(dateTime) proposed_at: string;
  @ApiProperty({ enum: PROPOSAL_STATES }) state: string;
  @ApiProperty({ ...text, format: 'uuid', description: 'Who confirmed or declined it' })
  resolved_by: string | null;
  @ApiProperty({ ...dateTime, nullable: true }) resolved_at: string | null;
}
