import { ApiProperty } from '@nestjs/swagger';
import { OUTCOME_CATEGORIES } from '#kyc/identifications';
import { CAUSED_BY_USER } from '../catalog/failure-code-response.schema.js';

/** How a failure reason counts: its category and the two splits (classified as the identification list does). */
export class FailureClassBody {
  @ApiProperty({ enum: OUTCOME_CATEGORIES, description: 'Review: an officer reason; None: no reason' })
  category: string;
  @ApiProperty() permanent: boolean;
  @ApiProperty({ enum: CAUSED_BY_USER }) caused_by_user: string;
}

/** One failure reason of the range, counted, with its share of all outcomes. */
export class FailureReasonCountBody extends FailureClassBody {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A catalog code or an officer reason; null for failures without a reason',
  })
  code: string | null;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: 'Of all outcomes in the range, 0-1, four decimals' }) share: number;
}
