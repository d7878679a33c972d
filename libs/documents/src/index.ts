export * from './documents.module.js';
export * from './admin/admin-documents.module.js';
export * from './evidence/evidence-capture.module.js';
export { EvidenceCaptureWorker } from './evidence/evidence-capture.worker.js';
export { DOCUMENT_TYPES, type DocumentType, ACCEPTED_CONTENT } from './rules/document-types.js';
export { multipartLimits } from './upload/receive-upload.js';
export {
  DocumentCorruptedError,
  DocumentMissingError,
  DocumentStorage,
  type StoredFile,
} from './storage/index.js';
export * from './evidence/evidence-backlog.js';
export { RetentionFilesModule } from './retention/retention-files.module.js';
export { RetentionFilesService, type FileRemovals } from './retention/retention-files.service.js';
