import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unzipSync, zipSync } from 'fflate';
import {
  checkPack,
  type PackEntry,
  PACK_FORMAT,
  readPack,
  verifyPack,
} from '../../../../scripts/evidence-pack.mjs';
import {
  buildManifest,
  documentPath,
  MANIFEST,
  MANIFEST_DIGEST,
  packFileName,
  sha256Hex,
} from './manifest.js';
import { ZipStream } from './zip-stream.js';

const PERSON = `${'a'.repeat(32)}cper`;
const JSON_FILE = Buffer.from('{"id":"x"}\n');
const DOCUMENT = Buffer.alloc(300_000, 7);
const DOC_PATH = documentPath(`${'b'.repeat(32)}cdoc`, 'Prüfbericht 1.pdf');

/** A pack written by the server's own writer: one JSON file, one document, the manifest and its digest. */
async function serverPack(): Promise<Buffer> {
  const manifest = buildManifest({
    personId: PERSON,
    createdAt: new Date('2026-11-27T08:45:00Z'),
    createdBy: { staffId: 'officer-1', role: 'compliance_officer' },
    reason: 'Regulator request 2026-17',
    files: [
      { path: 'person.json', bytes: JSON_FILE.length, sha256: sha256Hex(JSON_FILE) },
      { path: DOC_PATH, bytes: DOCUMENT.length, sha256: sha256Hex(DOCUMENT) },
    ],
  });
  const zip = new ZipStream(new Date('2026-11-27T08:45:00Z'));
  const chunks: Buffer[] = [];
  zip.output.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => zip.output.on('end', resolve));
  await zip.addBuffer('person.json', JSON_FILE);
  const source = Readable.from([DOCUMENT.subarray(0, 100_000), DOCUMENT.subarray(100_000)]);
  await zip.addStream(DOC_PATH, source, () => undefined);
  await zip.addBuffer(MANIFEST, manifest.json);
  await zip.addBuffer(MANIFEST_DIGEST, manifest.digestFile, false);
  zip.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The pack's files as checkPack takes them (content kept for the manifest files). */
function entriesOf(files: Record<string, Uint8Array>): PackEntry[] {
  return Object.entries(files).map(([path, data]) => ({
    path,
    bytes: data.length,
    sha256: sha256Hex(data),
    ...(path.startsWith('manifest.') ? { content: Buffer.from(data) } : {}),
  }));
}

describe('evidence pack manifest and verifier', () => {
  let dir: string;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evidence-pack-'));
    files = unzipSync(await serverPack());
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("names the pack after the person and the UTC time, and keeps documents' paths safe", () => {
    expect(packFileName(PERSON, new Date('2026-11-27T08:45:03.120Z'))).toBe(
      `evidence-${PERSON}-20261127T084503Z.zip`,
    );
    expect(DOC_PATH).toBe(`documents/${'b'.repeat(32)}cdoc-Prufbericht_1.pdf`);
    expect(documentPath('id', '../../etc/passwd')).toBe('documents/id-etc_passwd');
  });

  it('writes a manifest in the format the verifier reads, naming every file with its size and SHA-256', () => {
    const manifest = JSON.parse(Buffer.from(files[MANIFEST]).toString('utf8'));
    expect(manifest).toStrictEqual({
      format: PACK_FORMAT,
      person_id: PERSON,
      created_at: '2026-11-27T08:45:00.000Z',
      created_by: { staff_id: 'officer-1', role: 'compliance_officer' },
      reason: 'Regulator request 2026-17',
      files: [
        { path: 'person.json', bytes: JSON_FILE.length, sha256: sha256Hex(JSON_FILE) },
        { path: DOC_PATH, bytes: 300_000, sha256: sha256Hex(DOCUMENT) },
      ],
    });
    expect(Buffer.from(files[MANIFEST_DIGEST]).toString()).toBe(
      `${sha256Hex(files[MANIFEST])}  manifest.json\n`,
    );
  });

  it("reads the server's streamed zip from its central directory and finds it intact", async () => {
    const path = join(dir, 'intact.zip');
    await writeFile(path, await serverPack());
    const read = await readPack(path);
    expect(read.problems).toStrictEqual([]);
    expect(read.entries.map((e) => [e.path, e.bytes])).toStrictEqual([
      ['person.json', JSON_FILE.length],
      [DOC_PATH, 300_000],
      [MANIFEST, files[MANIFEST].length],
      [MANIFEST_DIGEST, 80],
    ]);
    const verdict = await verifyPack(path);
    expect(verdict.problems).toStrictEqual([]);
    expect(verdict.files).toBe(2);
    expect(verdict.manifestSha256).toBe(sha256Hex(files[MANIFEST]));
  });

  it('names a changed, a missing and an extra file', () => {
    const changed = Buffer.from(DOCUMENT);
    changed[12_345] ^= 1;
    const { [DOC_PATH]: _doc, 'person.json': _person, ...rest } = files;
    const verdict = checkPack(entriesOf({ ...rest, [DOC_PATH]: changed, 'notes.txt': Buffer.from('x') }));
    expect(verdict.problems).toStrictEqual([
      'missing: person.json',
      expect.stringMatching(
        new RegExp(`^changed: ${DOC_PATH} \\(300000 bytes, SHA-256 [0-9a-f]{64}; manifest:`),
      ),
      'extra: notes.txt',
    ]);
  });

  it('names an edited manifest, and a manifest without its digest', () => {
    const edited = Buffer.from(Buffer.from(files[MANIFEST]).toString().replace('2026-17', '2026-18'));
    expect(checkPack(entriesOf({ ...files, [MANIFEST]: edited })).problems).toStrictEqual([
      expect.stringMatching(
        /^changed: manifest\.json \(its SHA-256 [0-9a-f]{64} is not the one in manifest\.sha256\)$/,
      ),
    ]);
    const { [MANIFEST_DIGEST]: _digest, ...withoutDigest } = files;
    expect(checkPack(entriesOf(withoutDigest)).problems).toStrictEqual(['missing: manifest.sha256']);
    const { [MANIFEST]: _manifest, ...withoutManifest } = files;
    expect(checkPack(entriesOf(withoutManifest)).problems).toStrictEqual(['missing: manifest.json']);
    expect(checkPack(entriesOf({ ...files, [MANIFEST]: Buffer.from('{') })).problems).toStrictEqual([
      'manifest.json is not valid JSON',
    ]);
  });

  it('reads a repacked (deflated) zip, and refuses a file that is not a zip', async () => {
    const repacked = join(dir, 'repacked.zip');
    await writeFile(repacked, zipSync(files, { level: 9 }));
    expect((await verifyPack(repacked)).problems).toStrictEqual([]);
    const notZip = join(dir, 'not.zip');
    await writeFile(notZip, 'hello');
    expect((await verifyPack(notZip)).problems).toStrictEqual([
      'not a zip file (no end of central directory)',
      'missing: manifest.json',
    ]);
  });
});
