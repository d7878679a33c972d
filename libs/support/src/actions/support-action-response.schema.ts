import { ApiProperty } from '@nestjs/swagger';
import type { ReidentificationMode } from '#kyc/identifications';

/** A support proposal is refused when not applicable, so the policy is one of these. */
const PROPOSABLE_MODES = [
  'same_url',
  'new_identification',
  'blocked',
] as const satisfies readonly ReidentificationMode[];

/** `POST .../resend-link`: the partner was sent the identification webhook again. */
export class ResendLinkResponseBody {
  @ApiProperty() identification_id: string;
  @ApiProperty({ enum: ['resent'] }) status: string;
}

/** What re-identifying the identification would do, by the policy, when the proposal was made. */
export class SupportProposalPolicyBody {
  @ApiProperty({ enum: PROPOSABLE_MODES }) mode: string;
  @ApiProperty({ description: 'Why, in words an officer reads before acting' }) explanation: string;
}

/** `POST .../reidentification-proposal`: the proposal, pending until an officer confirms or declines it. */
export class SupportProposalResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() identification_id: string;
  @ApiProperty({ enum: ['reidentify'] }) action: string;
  @ApiProperty({ enum: ['SUPPORT_REQUEST'] }) reason_code: string;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: ['pending'] }) state: string;
  @ApiProperty({ format: 'uuid', description: 'Staff user id of the agent' }) proposed_by: string;
  @ApiProperty({ type: String, format: 'date-time' }) proposed_at: string;
  @ApiProperty({ type: SupportProposalPolicyBody }) policy: SupportProposalPolicyBody;
}
