import { Global, Module } from '@nestjs/common';
import { PartnerAuthModule } from '#kyc/auth';
import { IdentificationDocuments } from '#kyc/identifications';
import { PersonsModule } from '#kyc/persons';
import { documentStorageProvider } from './document-storage.provider.js';
import { DocumentStorage } from './storage/index.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { IdentificationDocumentsAdapter } from './identification-documents.adapter.js';

/**
 * Documents: the Solaris document endpoints, and the identification's documents for
 * `include_documents` (bound globally, so arrows stay documents -> identifications).
 */
@Global()
@Module({
  imports: [PartnerAuthModule, PersonsModule],
  controllers: [DocumentsController],
  providers: [
    documentStorageProvider,
    DocumentsRepository,
    DocumentsService,
    IdentificationDocumentsAdapter,
    { provide: IdentificationDocuments, useExisting: IdentificationDocumentsAdapter },
  ],
  exports: [DocumentStorage, DocumentsRepository, DocumentsService, IdentificationDocuments],
})
export class DocumentsModule {}
