import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { PersonsModule } from '#kyc/persons';
import { IdentificationsModule } from '../identifications.module.js';
import { CaseHistoryRepository } from './case-history.repository.js';
import { CaseTimelineModule } from './case-timeline.js';
import { DecisionsService } from './decisions.service.js';
import { ReidentificationService } from './reidentification.service.js';
import { ReviewCasesService } from './review-cases.service.js';
import { ReviewSlaRepository } from './review-sla.repository.js';
import { ReviewSlaService } from './review-sla.service.js';
import { ReviewSummaryController } from './review-summary.controller.js';
import { ReviewController } from './review.controller.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewMetrics } from './review-metrics.js';

/** The compliance review of identifications: queue, case page, decisions, four eyes, re-identification. */
@Module({
  imports: [IdentificationsModule, PersonsModule, AuditModule, CaseTimelineModule],
  controllers: [ReviewController, ReviewSummaryController],
  providers: [
    ReviewRepository,
    CaseHistoryRepository,
    ReviewCasesService,
    DecisionsService,
    ReidentificationService,
    ReviewSlaRepository,
    ReviewSlaService,
    ReviewMetrics,
  ],
  // Officers' decisions and re-identifications outside HTTP: the demo data plays them through these; the
  // review SLA job escalates through ReviewSlaService.
  exports: [DecisionsService, ReidentificationService, ReviewSlaService],
})
export class ReviewModule {}
