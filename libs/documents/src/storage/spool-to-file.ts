import { createHash } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SNIFF_BYTES, sniffContentType } from './content-type.js';
import { DocumentTooLargeError } from './storage-errors.js';

const WRITE_BATCH_BYTES = 256 * 1024;

export interface SpooledFile {
  sha256: string;
  size: number;
  contentType: string | null;
}

export interface SpoolOptions {
  maxBytes?: number;
  /** fsync the file before closing it (the file store's durability; a spool file does not need it). */
  fsync?: boolean;
}

/**
 * Streams `source` into a new file at `path`, hashing, counting and keeping the first bytes for sniffing,
 * with at most about 256 KiB in memory at a time. On any failure, a too-large source included, the file
 * is removed.
 */
export async function spoolToFile(
  source: Readable | Buffer,
  path: string,
  { maxBytes, fsync = false }: SpoolOptions = {},
): Promise<SpooledFile> {
  if (Buffer.isBuffer(source) && maxBytes !== undefined && source.length > maxBytes) {
    throw new DocumentTooLargeError(maxBytes);
  }
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  // Small chunks (a slow client, a 3-byte-chunk test) are gathered so each write(2) is worth making.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const file = await open(path, 'wx', 0o600);
  const flush = async () => {
    if (pendingBytes === 0) return;
    const batch = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await writeAll(file, batch);
  };
  try {
    try {
      for await (const data of Buffer.isBuffer(source) ? [source] : source) {
        const chunk = toBuffer(data);
        size += chunk.length;
        // Leaving the loop destroys the source, so a too-large upload is not read to its end.
        if (maxBytes !== undefined && size > maxBytes) throw new DocumentTooLargeError(maxBytes);
        hash.update(chunk);
        if (headBytes < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
          headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
      if (fsync) await file.sync();
    } finally {
      await file.close();
    }
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return {
    sha256: hash.digest('hex'),
    size,
    contentType: sniffContentType(Buffer.concat(head, headBytes)),
  };
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data);
  throw new TypeError('document source must yield bytes');
}

async function writeAll(file: Awaited<ReturnType<typeof open>>, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
