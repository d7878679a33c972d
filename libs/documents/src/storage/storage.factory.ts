import type { Env } from '#kyc/common';
import { join, resolve } from 'node:path';
import type { DocumentStorage } from './document-storage.js';
import { FsDocumentStorage } from './fs-document-storage.js';
import { S3DocumentStorage } from './s3-document-storage.js';

export type DocumentStorageEnv = Pick<
  Env,
  | 'DOCUMENT_STORAGE'
  | 'DATA_DIR'
  | 'S3_ENDPOINT'
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

/** The configured store: files under DATA_DIR/documents, or an S3 bucket spooling under DATA_DIR/tmp. */
export function createDocumentStorage(env: DocumentStorageEnv): DocumentStorage {
  const dataDir = resolve(env.DATA_DIR);
  switch (env.DOCUMENT_STORAGE) {
    case 'fs':
      return new FsDocumentStorage(join(dataDir, 'documents'));
    case 's3':
      if (!env.S3_BUCKET) throw new Error('S3_BUCKET is required when DOCUMENT_STORAGE is s3');
      return new S3DocumentStorage({
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
        spoolDir: join(dataDir, 'tmp'),
      });
    case undefined:
      // loadEnv() always decides (fs in sandbox, s3 in production); guessing here could lose documents.
      throw new Error('DOCUMENT_STORAGE is not set: load the settings through loadEnv()');
  }
}
