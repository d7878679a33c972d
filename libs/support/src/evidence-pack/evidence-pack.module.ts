import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { EvidencePackController } from './evidence-pack.controller.js';
import { EvidencePackRepository } from './evidence-pack.repository.js';
import { EvidencePackService } from './evidence-pack.service.js';

/** Issue 9, part 5: the per-customer evidence pack. Document storage comes from the global DocumentsModule. */
@Module({
  imports: [AuditModule],
  controllers: [EvidencePackController],
  providers: [EvidencePackRepository, EvidencePackService],
})
export class EvidencePackModule {}
