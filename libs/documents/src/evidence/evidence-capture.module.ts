import { Module } from '@nestjs/common';
import { documentStorageProvider } from '../document-storage.provider.js';
import { DocumentsRepository } from '../documents.repository.js';
import { EvidenceCaptureService } from './evidence-capture.service.js';
import { EvidenceCaptureWorker } from './evidence-capture.worker.js';
import { EvidenceCapturesRepository } from './evidence-captures.repository.js';

/**
 * The evidence capture on its own: the worker app imports it, and so does the api when it runs the
 * jobs itself (RUN_JOBS_IN_API). Needs the IdentificationProvider bound globally (IdnowModule or
 * IdnowProviderModule).
 */
@Module({
  providers: [
    documentStorageProvider,
    DocumentsRepository,
    EvidenceCapturesRepository,
    EvidenceCaptureService,
    EvidenceCaptureWorker,
  ],
  exports: [EvidenceCaptureWorker],
})
export class EvidenceCaptureModule {}
