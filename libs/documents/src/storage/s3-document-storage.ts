import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { assertDocumentKey, DocumentStorage, type PutOptions, type StoredFile } from './document-storage.js';
import { spoolToFile } from './spool-to-file.js';
import { DocumentCorruptedError, DocumentMissingError, DocumentTooLargeError } from './storage-errors.js';

export interface S3DocumentStorageOptions {
  /** Unset means AWS itself; set for MinIO, Ceph and other self-hosted stores. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Both or neither; neither means the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Local scratch directory: uploads are spooled here (so the length is known), downloads verified here. */
  spoolDir: string;
}

/** Documents as objects in one S3 bucket; the object key is the document key. */
export class S3DocumentStorage extends DocumentStorage {
  private readonly log = new Logger('DocumentStorage');
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly spoolDir: string;

  constructor(options: S3DocumentStorageOptions) {
    super();
    this.bucket = options.bucket;
    this.spoolDir = resolve(options.spoolDir);
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // The SDK's default CRC32 trailers use aws-chunked bodies, which some self-hosted stores save verbatim.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, socketTimeout: 60_000 },
    });
  }

  async put(key: string, source: Readable | Buffer, options: PutOptions = {}): Promise<StoredFile> {
    assertDocumentKey(key);
    const spool = await this.spoolPath();
    const spooled = await spoolToFile(source, spool, { maxBytes: options.maxBytes });
    try {
      // One PUT of a known length: S3 makes the object visible only once it is complete.
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: spooled.size,
          ContentType: spooled.contentType ?? 'application/octet-stream',
          Metadata: { sha256: spooled.sha256 },
        }),
      );
    } finally {
      await unlink(spool).catch(() => undefined);
    }
    return { key, ...spooled };
  }

  async open(key: string, expected: { sha256: string; size: number }): Promise<Readable> {
    assertDocumentKey(key);
    let body: Readable;
    let contentLength: number | undefined;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(response.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream');
      body = response.Body;
      contentLength = response.ContentLength;
    } catch (error) {
      if (isNotFound(error)) throw new DocumentMissingError(key);
      throw error;
    }
    if (contentLength !== undefined && contentLength !== expected.size) {
      body.destroy();
      throw this.corrupted(key, 'size');
    }
    const spool = await this.spoolPath();
    let problem: 'size' | 'sha256' | null;
    try {
      const got = await spoolToFile(body, spool, { maxBytes: expected.size });
      problem =
        got.size !== expected.size ? 'size' : got.sha256 !== expected.sha256.toLowerCase() ? 'sha256' : null;
    } catch (error) {
      if (error instanceof DocumentTooLargeError) throw this.corrupted(key, 'size');
      throw error;
    }
    try {
      if (problem) throw this.corrupted(key, problem);
      // Open, then unlink: the verified bytes stay readable through the descriptor and the spool
      // directory is clean at once, however the caller ends the stream.
      const file = await open(spool, 'r');
      await unlink(spool);
      return file.createReadStream({ start: 0 });
    } catch (error) {
      await unlink(spool).catch(() => undefined);
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    assertDocumentKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertDocumentKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Closes the client's pooled connections (Nest calls this on shutdown). */
  onModuleDestroy(): void {
    this.client.destroy();
  }

  private corrupted(key: string, problem: 'size' | 'sha256'): DocumentCorruptedError {
    this.log.warn(`document ${key} failed verification (${problem} mismatch)`);
    return new DocumentCorruptedError(key);
  }

  private async spoolPath(): Promise<string> {
    await mkdir(this.spoolDir, { recursive: true });
    return join(this.spoolDir, randomUUID());
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
