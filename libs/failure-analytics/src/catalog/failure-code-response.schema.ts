import { ApiProperty } from '@nestjs/swagger';
import { type CausedByUser, FAILURE_CODES, type FailureGuidance } from '#kyc/identifications';

/** The seed's "Caused by User?" column; `unknown` where it says "-". */
export const CAUSED_BY_USER = ['yes', 'no', 'unknown'] as const satisfies readonly CausedByUser[];

const RETRY = ['yes', 'after_fix', 'no'] as const satisfies readonly FailureGuidance['retry'][];
const CODES = FAILURE_CODES.map((c) => c.code);
const CATEGORIES = [...new Set(FAILURE_CODES.map((c) => c.category))];

/** What happened and what to do next, one sentence each. */
export class FailureGuidanceTextBody {
  @ApiProperty() what_happened: string;
  @ApiProperty() next_step: string;
}

/** One audience's guidance, in English and German. */
export class FailureGuidanceLanguagesBody {
  @ApiProperty({ type: FailureGuidanceTextBody }) en: FailureGuidanceTextBody;
  @ApiProperty({ type: FailureGuidanceTextBody }) de: FailureGuidanceTextBody;
}

/** The guidance for staff (precise, may name codes) and for the customer (plain, never a code). */
export class FailureGuidanceBody {
  @ApiProperty({ type: FailureGuidanceLanguagesBody }) staff: FailureGuidanceLanguagesBody;
  @ApiProperty({ type: FailureGuidanceLanguagesBody }) customer: FailureGuidanceLanguagesBody;
}

/** One catalog code with its guidance, exactly what `toFailureCodeResponse` answers. */
export class FailureCodeResponseBody {
  @ApiProperty({ enum: CODES, description: 'The code itself' }) id: string;
  @ApiProperty({ enum: CODES }) code: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ description: "The seed's description, verbatim" }) description: string;
  @ApiProperty() permanent: boolean;
  @ApiProperty({ enum: CAUSED_BY_USER }) caused_by_user: string;
  @ApiProperty({
    enum: RETRY,
    description: 'yes: just try again; after_fix: once something was fixed first; no: permanent',
  })
  retry: string;
  @ApiProperty({ type: FailureGuidanceBody }) guidance: FailureGuidanceBody;
}
