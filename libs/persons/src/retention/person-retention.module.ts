import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { RetentionAdminService } from './retention-admin.service.js';
import { RetentionErasureService } from './retention-erasure.service.js';
import { RetentionRepository } from './retention.repository.js';

/** Retention on persons without HTTP: the jobs import it (the worker too); PersonsModule adds the admin routes. */
@Module({
  imports: [AuditModule],
  providers: [RetentionRepository, RetentionErasureService, RetentionAdminService],
  exports: [RetentionErasureService, RetentionAdminService],
})
export class PersonRetentionModule {}
