import { ApiProperty } from '@nestjs/swagger';

const count = { type: 'integer' } as const;

/** The review queue's counters for the dashboard (no personal data). */
export class ReviewSummaryResponseBody {
  @ApiProperty({ ...count, description: 'Open cases' }) open: number;
  @ApiProperty({ ...count, description: 'Open cases past the 24-hour SLA now' }) overdue: number;
  @ApiProperty({ ...count, description: 'Open cases the review SLA job escalated' }) escalated: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'As of then' }) at: string;
}
