import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '#kyc/common';
import { RequirePermission } from '#kyc/staff';
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
  async summary() {
    const now = this.clock.now();
    return { ...(await this.sla.summary(now)), at: now.toISOString() };
  }
}
