import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { S3DocumentStorage } from './s3-document-storage.js';
import { DocumentCorruptedError, DocumentMissingError, DocumentTooLargeError } from './storage-errors.js';

/** s3rver is CommonJS without type declarations: the part of its API this test uses. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string }>;
}) => S3rverServer;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

const BUCKET = 'kyc-test';
// s3rver checks signatures against this fixed key pair.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

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

describe(S3DocumentStorage.name, () => {
  let dir: string;
  let spoolDir: string;
  let server: S3rverServer;
  let raw: S3Client;
  let storage: S3DocumentStorage;
  let n = 0;
  const newKey = () => `ab/${String(++n).padStart(4, '0')}-${process.pid}.doc`;
  const spoolFiles = () => readdir(spoolDir).catch(() => []);
  const rawPut = (key: string, body: Buffer) =>
    raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentLength: body.length }));

  beforeAll(async () => {
    dir = await mkdtemp(join(process.env.KYC_TEST_ROOT ?? tmpdir(), 's3-storage-'));
    spoolDir = join(dir, 'spool');
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: join(dir, 's3rver'),
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    storage = new S3DocumentStorage({
      endpoint,
      bucket: BUCKET,
      region: 'us-east-1',
      ...CREDENTIALS,
      forcePathStyle: true,
      spoolDir,
    });
    raw = new S3Client({
      endpoint,
      region: 'us-east-1',
      credentials: CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });

  afterAll(async () => {
    storage?.onModuleDestroy();
    raw?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a buffer as one object with its type and sha256, and hands the same bytes back', async () => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    expect(stored).toEqual({
      key,
      sha256: sha256Of(PDF_BYTES),
      size: PDF_BYTES.length,
      contentType: 'application/pdf',
    });
    const head = await raw.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head).toMatchObject({
      ContentLength: PDF_BYTES.length,
      ContentType: 'application/pdf',
      Metadata: { sha256: stored.sha256 },
    });
    // The object holds exactly the document's bytes (no aws-chunked framing).
    const object = await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(PDF_BYTES);
    expect(await storage.exists(key)).toBe(true);
    expect(await readAll(await storage.open(key, stored))).toEqual(PDF_BYTES);
    expect(await spoolFiles()).toEqual([]);
  });

  it('stores an unknown type as application/octet-stream', async () => {
    const key = newKey();
    const bytes = Buffer.from([0, 1, 2, 3, 0xfe, 0xff]);
    expect(await storage.put(key, Readable.from([bytes]))).toMatchObject({ contentType: null, size: 6 });
    const head = await raw.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentType).toBe('application/octet-stream');
  });

  it('streams a 12 MiB file in and out, leaving no spool files', async () => {
    const key = newKey();
    const source = noiseSource(12 * MiB);
    const stored = await storage.put(key, source.stream);
    expect(stored).toEqual({ key, sha256: source.sha256(), size: 12 * MiB, contentType: null });
    expect(await spoolFiles()).toEqual([]);

    const started = process.hrtime.bigint();
    const stream = await storage.open(key, stored);
    const openMs = Number(process.hrtime.bigint() - started) / 1e6;
    // The verified copy is already unlinked: it lives only as long as the stream's descriptor.
    expect(await spoolFiles()).toEqual([]);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
    expect({ sha256: hash.digest('hex'), size }).toEqual({ sha256: stored.sha256, size: 12 * MiB });
    process.stdout.write(`s3 open() download and verification of 12 MiB: ${openMs.toFixed(1)} ms\n`);
  });

  it('creates the object only once the upload is complete', async () => {
    const key = newKey();
    const source = new PassThrough();
    const put = storage.put(key, source);
    source.write(Buffer.alloc(64 * 1024, 'x'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await storage.exists(key)).toBe(false);
    source.end(Buffer.alloc(10, 'y'));
    await expect(put).resolves.toMatchObject({ size: 64 * 1024 + 10, contentType: 'text/plain' });
    expect(await storage.exists(key)).toBe(true);
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
    expect(await spoolFiles()).toEqual([]);
  });

  it('rejects with the source error when the source fails midway, leaving nothing behind', async () => {
    const key = newKey();
    await expect(storage.put(key, failingSource(2 * MiB, new Error('client went away')))).rejects.toThrow(
      'client went away',
    );
    expect(await storage.exists(key)).toBe(false);
    expect(await spoolFiles()).toEqual([]);
  });

  it('refuses to serve an object overwritten with same-length bytes, warning with the key only', async () => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    const tampered = Buffer.from(PDF_BYTES);
    tampered[20] = 'X'.charCodeAt(0);
    await rawPut(key, tampered);
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
    expect(await spoolFiles()).toEqual([]);
  });

  it.each([
    ['truncated', PDF_BYTES.subarray(0, PDF_BYTES.length - 1)],
    ['longer', Buffer.concat([PDF_BYTES, Buffer.from('appended')])],
  ])('refuses to serve an object that was %s', async (_what, bytes) => {
    const key = newKey();
    const stored = await storage.put(key, PDF_BYTES);
    await rawPut(key, bytes);
    await expect(storage.open(key, stored)).rejects.toBeInstanceOf(DocumentCorruptedError);
    expect(await spoolFiles()).toEqual([]);
  });

  it('refuses to serve a large object that does not match, without keeping the download', async () => {
    const key = newKey();
    const source = noiseSource(4 * MiB);
    const stored = await storage.put(key, source.stream);
    await rawPut(key, randomBytes(4 * MiB));
    await expect(storage.open(key, stored)).rejects.toBeInstanceOf(DocumentCorruptedError);
    expect(await spoolFiles()).toEqual([]);
  });

  it('answers DocumentMissingError for a document that is not there', async () => {
    await expect(storage.open(newKey(), { sha256: sha256Of(PDF_BYTES), size: 10 })).rejects.toBeInstanceOf(
      DocumentMissingError,
    );
    expect(await storage.exists(newKey())).toBe(false);
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

  it('refuses a key outside the allowed shape before calling S3', async () => {
    await expect(storage.put('../x.doc', PDF_BYTES)).rejects.toThrow('invalid document key');
    await expect(storage.exists('a b')).rejects.toThrow('invalid document key');
  });
});
