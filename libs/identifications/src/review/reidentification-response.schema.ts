import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import type { ReidentificationMode } from '../rules/reidentification-policy.js';
import { BulkItemResponseBody } from './bulk-item-response.schema.js';

const MODES = [
  'same_url',
  'new_identification',
  'blocked',
  'not_applicable',
] as const satisfies readonly ReidentificationMode[];
const STARTED = ['same_url', 'new_identification'] as const satisfies readonly ReidentificationMode[];

/** What re-identifying this identification would do, by the policy. */
export class ReidentificationPolicyBody {
  @ApiProperty({ enum: MODES }) mode: string;
  @ApiProperty({ description: 'Why, in words an officer reads before acting' }) explanation: string;
  @ApiPropertyOptional({ enum: STARTED, description: 'Only when blocked: what a confirmed override does' })
  override_mode?: string;
}

/** The policy and the person's re-identifications in the last 24 hours (also on the case page). */
export class ReidentificationAllowanceResponseBody {
  @ApiProperty({ type: ReidentificationPolicyBody }) policy: ReidentificationPolicyBody;
  @ApiProperty({ type: 'integer' }) used: number;
  @ApiProperty({ type: 'integer', description: 'At most this many per person in 24 hours' }) limit: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while under the limit',
  })
  next_allowed_at: string | null;
}

/** A re-identification done: the same url notified again, or a new identification created and requested. */
export class StartedReidentificationResponseBody {
  @ApiProperty({ enum: STARTED }) mode: string;
  @ApiProperty({ description: 'The same identification, or the new one' }) identification_id: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiPropertyOptional({ enum: IDENTIFICATION_STATUSES, description: 'Only for new_identification' })
  status?: string;
}

/** A re-identification the policy blocks, proposed to a second officer. */
export class ProposedReidentificationResponseBody {
  @ApiProperty({ enum: ['proposed'] }) mode: string;
  @ApiProperty() proposal_id: string;
}

/** After a send-back for retry: no re-identification was started, and why. */
export class NotStartedReidentificationBody {
  @ApiProperty({ enum: ['not_started'] }) mode: string;
  @ApiProperty() reason: string;
}

/** One identification of a bulk re-identification. */
export class BulkReidentificationItemBody extends BulkItemResponseBody {
  @ApiPropertyOptional({
    oneOf: [
      { $ref: getSchemaPath(StartedReidentificationResponseBody) },
      { $ref: getSchemaPath(ProposedReidentificationResponseBody) },
    ],
    description: 'Only when ok',
  })
  result?: StartedReidentificationResponseBody | ProposedReidentificationResponseBody;
}

/** `POST /admin/reidentifications/bulk`: a result per (distinct) id, in the order sent. */
export class BulkReidentificationResponseBody {
  @ApiProperty({ type: [BulkReidentificationItemBody] }) results: BulkReidentificationItemBody[];
}
