import { ApiProperty } from '@nestjs/swagger';

/** One documented reason code of a decision. */
export class DecisionReasonBody {
  @ApiProperty() code: string;
  @ApiProperty() description: string;
}

/** `DECISION_REASONS`: the reason codes of each decision, by action. */
export class DecisionReasonsResponseBody {
  @ApiProperty({ type: [DecisionReasonBody] }) approve: DecisionReasonBody[];
  @ApiProperty({ type: [DecisionReasonBody] }) reject: DecisionReasonBody[];
  @ApiProperty({
    type: [DecisionReasonBody],
    description: "The catalog's temporary, user-caused failure codes (shown to the partner)",
  })
  retry: DecisionReasonBody[];
}
