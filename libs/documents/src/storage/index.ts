export * from './document-storage.js';
export * from './storage-errors.js';
export {
  extensionFor,
  KNOWN_CONTENT_TYPES,
  sniffContentType,
  type KnownContentType,
} from './content-type.js';
export { FsDocumentStorage } from './fs-document-storage.js';
export { S3DocumentStorage, type S3DocumentStorageOptions } from './s3-document-storage.js';
export { createDocumentStorage, type DocumentStorageEnv } from './storage.factory.js';
