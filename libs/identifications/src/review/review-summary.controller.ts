import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '#kyc/common';
import { RequirePermission } from '#kyc/staff';
import { ReviewSummaryResponseBody } from './review-summary-response.schema.js';
import { ReviewSlaService } from './review-sla.service.js';

/** The review queue's counters (no personal data): what the dashboard shows compliance officers. */
@ApiTags('admin: review')
@Controller('admin/review-cases/summary')
export class ReviewSummaryController {
  constructor(
    private readonly sla: ReviewSlaService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission('review.read')
  @ApiOperation({
    summary: 'Open cases, those past the 24-hour SLA now, and those the review SLA job escalated',
  })
  @ApiOkResponse({ type: ReviewSummaryResponseBody })
  async summary() {
    const now = this.clock.now();
    return { ...(await this.sla.summary(now)), at: now.toISOString() };
  }
}
