import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import type { FourEyesReason } from '../rules/four-eyes.js';
import { BulkItemResponseBody } from './bulk-item-response.schema.js';
import {
  NotStartedReidentificationBody,
  StartedReidentificationResponseBody,
} from './reidentification-response.schema.js';
import { ReviewProposalResponseBody } from './review-proposal-response.schema.js';

const FOUR_EYES_REASONS = [
  'overrides_provider',
  'fraud_suspicion',
  'blocked_reidentification',
] as const satisfies readonly FourEyesReason[];

/** The identification after the decision: its new status and version, and who decided. */
export class DecidedIdentificationBody {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IDENTIFICATION_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decided_by: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decided_at: string | null;
}

/** A decision applied (200): by one officer, or by the second one confirming a proposal. */
export class DecidedResponseBody {
  @ApiProperty({ enum: ['decided'] }) outcome: string;
  @ApiProperty({ type: DecidedIdentificationBody }) identification: DecidedIdentificationBody;
  @ApiPropertyOptional({
    oneOf: [
      { $ref: getSchemaPath(StartedReidentificationResponseBody) },
      { $ref: getSchemaPath(NotStartedReidentificationBody) },
    ],
    description: 'Only after a send-back for retry, or a confirmed re-identification proposal',
  })
  reidentification?: StartedReidentificationResponseBody | NotStartedReidentificationBody;
}

/** A decision that needs a second officer (202): the proposal it became, and why. */
export class ProposedDecisionResponseBody {
  @ApiProperty({ enum: ['proposed'] }) outcome: string;
  @ApiProperty({ description: 'Always true' }) awaiting_second_approval: boolean;
  @ApiProperty({ enum: FOUR_EYES_REASONS }) needs: string;
  @ApiProperty({ type: ReviewProposalResponseBody }) proposal: ReviewProposalResponseBody;
}

/** One case of a bulk decision. */
export class BulkDecisionItemBody extends BulkItemResponseBody {
  @ApiPropertyOptional({
    oneOf: [
      { $ref: getSchemaPath(DecidedResponseBody) },
      { $ref: getSchemaPath(ProposedDecisionResponseBody) },
    ],
    description: 'Only when ok: decided, or proposed to a second officer',
  })
  result?: DecidedResponseBody | ProposedDecisionResponseBody;
}

/** `POST /admin/review-cases/bulk-decisions`: a result per (distinct) id, in the order sent. */
export class BulkDecisionResponseBody {
  @ApiProperty({ type: [BulkDecisionItemBody] }) results: BulkDecisionItemBody[];
}
