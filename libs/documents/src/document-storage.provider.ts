import type { Provider } from '@nestjs/common';
import { Env } from '#kyc/common';
import { createDocumentStorage, DocumentStorage } from './storage/index.js';

/** The configured store (DOCUMENT_STORAGE), one per process. */
export const documentStorageProvider: Provider = {
  provide: DocumentStorage,
  useFactory: (env: Env) => createDocumentStorage(env),
  inject: [Env],
};
