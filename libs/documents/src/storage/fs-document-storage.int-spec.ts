import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { FsDocumentStorage } from './fs-document-storage.js';
import {
  DocumentCorruptedError,
  DocumentMissingError,
  DocumentTooLargeError,
  InvalidDocumentKeyError,
} from './storage-errors.js';

const MiB = 1024 * 1024;
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `size` bytes of noise in 64 KiB chunks, produced on demand; sha256() is known once it has been read. */
function noiseSource(size: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const chunk = randomBytes(Math.min(64 * 1024, size - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** A source that sends `before` bytes, then fails as a dropped upload connection would. */
function failingSource(before: number, error: Error): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(before, 'a'));
      } else {
        this.destroy(error);
      }
    },
  });
}

describe(FsDocumentStorage.name, () => {
  let root: string;
  let storage: FsDocumentStorage;
  let n = 0;
  const newKey = () => `ab/${String(++n).padStart(4, '0')}-${process.pid}.doc`;
  const tmpFiles = () => readdir(join(root, '.tmp'));

  beforeAll(async () => {
    root = await mkdtemp(join(process.env.KYC_TEST_ROOT ?? tmpdir(), 'fs-storage-'));
    storage = new FsDocumentStorage(root);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores a buffer and hands the same bytes back, with its sha256, size and sniffed type', async () => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    expect(stored).toEqual({
      key,
      sha256: sha256Of(PDF_BYTES),
      size: PDF_BYTES.length,
      contentType: 'application/pdf',
    });
    expect(await storage.exists(key)).toBe(true);
    expect(await readAll(await storage.open(key, stored))).toEqual(PDF_BYTES);
    expect(await tmpFiles()).toEqual([]);
  });

  it('stores a stream of small chunks and sniffs the type across chunk boundaries', async () => {
    const key = newKey();
    const text = Buffer.from('{"name": "Müller", "documents": []}\n'.repeat(200));
    const chunks = Array.from({ length: Math.ceil(text.length / 3) }, (_, i) =>
      text.subarray(i * 3, i * 3 + 3),
    );
    const stored = await storage.put(key, Readable.from(chunks));
    expect(stored).toMatchObject({
      sha256: sha256Of(text),
      size: text.length,
      contentType: 'application/json',
    });
    expect(await readAll(await storage.open(key, stored))).toEqual(text);
  });

  it('streams a 12 MiB file in and out, and verifies it quickly before serving', async () => {
    const key = newKey();
    const source = noiseSource(12 * MiB);
    const stored = await storage.put(key, source.stream);
    expect(stored).toEqual({ key, sha256: source.sha256(), size: 12 * MiB, contentType: null });

    const started = process.hrtime.bigint();
    const stream = await storage.open(key, stored);
    const verifyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
    expect({ sha256: hash.digest('hex'), size }).toEqual({ sha256: stored.sha256, size: 12 * MiB });
    process.stdout.write(`fs open() verification of 12 MiB: ${verifyMs.toFixed(1)} ms\n`);
    expect(verifyMs).toBeLessThan(2000);
  });

  it('makes the document visible only once it is complete', async () => {
    const key = newKey();
    const source = new PassThrough();
    const put = storage.put(key, source);
    source.write(Buffer.alloc(64 * 1024, 'x'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await storage.exists(key)).toBe(false);
    expect(await tmpFiles()).toHaveLength(1);
    source.end(Buffer.alloc(10, 'y'));
    await expect(put).resolves.toMatchObject({ size: 64 * 1024 + 10, contentType: 'text/plain' });
    expect(await storage.exists(key)).toBe(true);
    expect(await tmpFiles()).toEqual([]);
  });

  it.each([
    ['a stream', () => noiseSource(3 * MiB).stream],
    ['a buffer', () => Buffer.alloc(MiB + 1)],
  ])('refuses %s larger than maxBytes and leaves nothing behind', async (_what, source) => {
    const key = newKey();
    const error = await storage.put(key, source(), { maxBytes: MiB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentTooLargeError);
    expect((error as DocumentTooLargeError).maxBytes).toBe(MiB);
    expect(await storage.exists(key)).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });

  it('accepts a document of exactly maxBytes', async () => {
    const key = newKey();
    await expect(storage.put(key, Buffer.alloc(MiB, 'a'), { maxBytes: MiB })).resolves.toMatchObject({
      size: MiB,
    });
  });

  it('rejects with the source error when the source fails midway, leaving nothing behind', async () => {
    const key = newKey();
    await expect(storage.put(key, failingSource(2 * MiB, new Error('client went away')))).rejects.toThrow(
      'client went away',
    );
    expect(await storage.exists(key)).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses to serve a document whose bytes changed on disk, warning with the key only', async () => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    const file = await open(join(root, key), 'r+');
    await file.write(Buffer.from('X'), 0, 1, 20);
    await file.close();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await expect(storage.open(key, stored)).rejects.toBeInstanceOf(DocumentCorruptedError);
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0][0]);
      expect(message).toContain(key);
      expect(message).not.toContain(stored.sha256);
      expect(message).not.toContain('%PDF');
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses to serve a truncated document', async () => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    await truncate(join(root, key), PDF_BYTES.length - 1);
    await expect(storage.open(key, stored)).rejects.toBeInstanceOf(DocumentCorruptedError);
  });

  it('refuses to serve a document whose recorded sha256 does not match', async () => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    await expect(
      storage.open(key, { ...stored, sha256: sha256Of(Buffer.from('other')) }),
    ).rejects.toBeInstanceOf(DocumentCorruptedError);
    // Upper-case hex is the same digest.
    expect(
      await readAll(await storage.open(key, { ...stored, sha256: stored.sha256.toUpperCase() })),
    ).toEqual(PDF_BYTES);
  });

  it('answers DocumentMissingError for a document that is not there', async () => {
    await expect(storage.open(newKey(), { sha256: sha256Of(PDF_BYTES), size: 10 })).rejects.toBeInstanceOf(
      DocumentMissingError,
    );
  });

  it('removes idempotently', async () => {
    const key = newKey();
    await storage.put(key, PDF_BYTES);
    await storage.remove(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.remove(key)).resolves.toBeUndefined();
    await expect(
      storage.open(key, { sha256: sha256Of(PDF_BYTES), size: PDF_BYTES.length }),
    ).rejects.toBeInstanceOf(DocumentMissingError);
  });

  it.each([
    '../escape.doc',
    'ab/../../escape.doc',
    '/etc/passwd',
    'ab/c d.doc',
    'ab//c.doc',
    'ab/c.doc/',
    '.tmp/x',
    'ab/.hidden',
    '',
    'ab\\c.doc',
    'äb/c.doc',
  ])('refuses the key %j for every operation', async (key) => {
    const expected = { sha256: sha256Of(PDF_BYTES), size: PDF_BYTES.length };
    await expect(storage.put(key, PDF_BYTES)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    await expect(storage.open(key, expected)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    await expect(storage.remove(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
  });
});
