import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { PersonsModule } from '#kyc/persons';
import { IdentificationsModule } from '../identifications.module.js';
import { CaseHistoryRepository } from './case-history.repository.js';
import { CaseTimelineModule } from './case-timeline.js';
import { DecisionsService } from './decisions.service.js';
import { ReidentificationService } from './reidentification.service.js';
import { ReviewCasesService } from './review-cases.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewRepository } from './review.repository.js';

/** The compliance review of identifications: queue, case page, decisions, four eyes, re-identification. */
@Module({
  imports: [IdentificationsModule, PersonsModule, AuditModule, CaseTimelineModule],
  controllers: [ReviewController],
  providers: [
    ReviewRepository,
    CaseHistoryRepository,
    ReviewCasesService,
    DecisionsService,
    ReidentificationService,
  ],
  // Officers' decisions and re-identifications outside HTTP: the demo data plays them through these.
  exports: [DecisionsService, ReidentificationService],
})
export class ReviewModule {}
