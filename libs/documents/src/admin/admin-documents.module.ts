import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { AdminDocumentsController } from './admin-documents.controller.js';

/** Staff access to documents (DocumentsModule is global and provides the rest). */
@Module({
  imports: [AuditModule],
  controllers: [AdminDocumentsController],
})
export class AdminDocumentsModule {}
