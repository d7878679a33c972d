import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertDocumentKey, DocumentStorage, type PutOptions, type StoredFile } from './document-storage.js';
import { spoolToFile } from './spool-to-file.js';
import { HashPool } from './hash-pool.js';
import { DocumentCorruptedError, DocumentMissingError } from './storage-errors.js';

/** One pool of hashing threads per process, shared by every store. */
const HASHES = new HashPool();

/** Documents as files under `rootDir/<key>`, written through `rootDir/.tmp` and renamed into place. */
export class FsDocumentStorage extends DocumentStorage {
  private readonly log = new Logger('DocumentStorage');
  private readonly root: string;
  private readonly tmpDir: string;

  constructor(rootDir: string) {
    super();
    this.root = resolve(rootDir);
    this.tmpDir = join(this.root, '.tmp');
  }

  async put(key: string, source: Readable | Buffer, options: PutOptions = {}): Promise<StoredFile> {
    const target = this.pathOf(key);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, randomUUID());
    const spooled = await spoolToFile(source, tmp, { maxBytes: options.maxBytes, fsync: true });
    let created: string | undefined;
    try {
      created = await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    try {
      await fsyncDir(dirname(target));
      // A freshly created key directory is itself an entry of its parent, which must be durable too.
      if (created) await fsyncDir(dirname(created));
    } catch (error) {
      await unlink(target).catch(() => undefined);
      throw error;
    }
    return { key, ...spooled };
  }

  async open(key: string, expected: { sha256: string; size: number }): Promise<Readable> {
    const path = this.pathOf(key);
    let file: FileHandle;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if (isNotFound(error)) throw new DocumentMissingError(key);
      throw error;
    }
    // Verify and serve through the same descriptor, so a file swapped in between is never served.
    try {
      const problem = await this.verify(file, expected);
      if (problem) {
        this.log.warn(`document ${key} failed verification (${problem} mismatch)`);
        throw new DocumentCorruptedError(key);
      }
    } catch (error) {
      await file.close();
      throw error;
    }
    // Large reads: per-chunk overhead dominated serving with the default 64 KiB (bench/documents).
    return file.createReadStream({ start: 0, highWaterMark: 256 * 1024 });
  }

  async remove(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private async verify(
    file: FileHandle,
    expected: { sha256: string; size: number },
  ): Promise<'size' | 'sha256' | null> {
    const { size } = await file.stat();
    if (size !== expected.size) return 'size';
    // Hashed in a worker thread, through this very descriptor: the event loop keeps serving meanwhile.
    const { sha256, bytes } = await HASHES.hashFd(file.fd, expected.size);
    if (bytes !== expected.size) return 'size';
    return sha256 === expected.sha256.toLowerCase() ? null : 'sha256';
  }

  private pathOf(key: string): string {
    assertDocumentKey(key);
    return join(this.root, key);
  }
}

async function fsyncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
