import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { SupportSearchController } from './support-search.controller.js';
import { SupportSearchRepository } from './support-search.repository.js';
import { SupportSearchService } from './support-search.service.js';

/** The support desk's one search box (issue 9, item 1). */
@Module({
  imports: [AuditModule],
  controllers: [SupportSearchController],
  providers: [SupportSearchRepository, SupportSearchService],
})
export class SupportSearchModule {}
