import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { EvidenceTimelineSource } from '../evidence/evidence-timeline.source.js';
import { AdminDocumentsController } from './admin-documents.controller.js';

/** Staff access to documents (DocumentsModule is global and provides the rest). */
@Module({
  imports: [AuditModule],
  controllers: [AdminDocumentsController],
  providers: [EvidenceTimelineSource],
})
export class AdminDocumentsModule {}
