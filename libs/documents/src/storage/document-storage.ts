import type { Readable } from 'node:stream';
import { InvalidDocumentKeyError } from './storage-errors.js';

export interface StoredFile {
  key: string;
  /** Lowercase hex of the whole content. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Sniffed from the bytes (see content-type.ts), null when unknown. */
  contentType: string | null;
}

export interface PutOptions {
  maxBytes?: number;
}

export abstract class DocumentStorage {
  /**
   * Streams `source` into storage under `key`, atomically: the object is visible under `key` only once
   * complete and durable. Computes sha256 and size while streaming and sniffs the content type from the
   * first bytes. More than `maxBytes` → rejects with DocumentTooLargeError, and nothing remains (no
   * partial object, no temp file). Any error → nothing remains under key. Never buffers the whole file.
   */
  abstract put(key: string, source: Readable | Buffer, options?: PutOptions): Promise<StoredFile>;

  /**
   * Checks the stored bytes against `expected` BEFORE handing out a stream, so a corrupted file is never
   * served: size or sha256 mismatch → DocumentCorruptedError (a warning names only the key); absent →
   * DocumentMissingError. Memory stays flat for large files.
   */
  abstract open(key: string, expected: { sha256: string; size: number }): Promise<Readable>;

  /** Idempotent. */
  abstract remove(key: string): Promise<void>;

  abstract exists(key: string): Promise<boolean>;
}

const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
const MAX_KEY_LENGTH = 512;

/**
 * Keys look like `ab/0123…cdoc`: relative, `/`-separated segments of `[A-Za-z0-9_.-]`. A segment may not
 * start with a dot, which rules out `.`, `..` and the file store's own `.tmp` directory.
 */
export function assertDocumentKey(key: string): void {
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    !key.split('/').every((segment) => KEY_SEGMENT.test(segment))
  ) {
    throw new InvalidDocumentKeyError(String(key));
  }
}
