import { describe, expect, it } from '@jest/globals';
import { zipSync, type Zippable } from 'fflate';
import { IdnowPayloadError } from '../errors/idnow-errors.js';
import {
  classifyEvidence,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_ENTRIES,
  readEvidenceArchive,
  safeEntryName,
} from './evidence-archive.js';

const bytes = (text: string) => Buffer.from(text);
const zip = (files: Zippable) => Buffer.from(zipSync(files));

/** Overwrites a field of every central directory entry (offset within the 46-byte header). */
function patchCentral(archive: Buffer, offset: number, value: (old: number) => number): Buffer {
  const out = Buffer.from(archive);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0;) {
    out.writeUInt32LE(value(out.readUInt32LE(at + offset)), at + offset);
    at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46);
  }
  return out;
}

const refusal = (archive: Uint8Array) => {
  try {
    readEvidenceArchive(archive);
  } catch (e) {
    return e instanceof IdnowPayloadError ? e.message : e;
  }
  return 'accepted';
};

describe(classifyEvidence.name, () => {
  it.each([
    ['abc.pdf', 'KYC_REPORT'],
    ['abc_signature.png', 'SIGNATURE'],
    ['abc_idfrontside.jpg', 'ID_DOCUMENT'],
    ['abc_idbackside.JPG', 'ID_DOCUMENT'],
    ['abc_userface.jpg', 'PICTURE'],
    ['abc_security1.png', 'PICTURE'],
    ['abc_securityfeature_hologram.jpg', 'PICTURE'],
    ['abc_security.txt', 'OTHER'],
    ['abc_audiolog.mp3', 'OTHER'],
    ['abc.xml', 'OTHER'],
    ['abc.sig', 'OTHER'],
    ['abc_customimage.jpg', 'OTHER'],
  ])('%s is %s', (name, type) => {
    expect(classifyEvidence(name)).toBe(type);
  });
});

describe(safeEntryName.name, () => {
  it('keeps the base name and skips directories, traversal, absolute and backslash names', () => {
    expect(safeEntryName('abc.pdf')).toBe('abc.pdf');
    expect(safeEntryName('evidence/abc_userface.jpg')).toBe('abc_userface.jpg');
    for (const name of [
      'dir/',
      '../abc.pdf',
      'a/../../abc.pdf',
      '/etc/abc.pdf',
      'a\\b.pdf',
      'C:/abc.pdf',
      'a\u0000.pdf',
    ]) {
      expect(safeEntryName(name)).toBeNull();
    }
  });
});

describe(readEvidenceArchive.name, () => {
  it('unpacks and classifies every file of a normal zip', () => {
    const files = readEvidenceArchive(
      zip({
        'x.pdf': bytes('%PDF-1.7'),
        'x_signature.png': [bytes('png'), { level: 0 }],
        'x_idfrontside.jpg': bytes('front'),
        'x_audiolog.mp3': bytes('ID3'),
      }),
    );
    expect(files.map((f) => [f.name, f.documentType, f.bytes.toString()])).toEqual([
      ['x.pdf', 'KYC_REPORT', '%PDF-1.7'],
      ['x_signature.png', 'SIGNATURE', 'png'],
      ['x_idfrontside.jpg', 'ID_DOCUMENT', 'front'],
      ['x_audiolog.mp3', 'OTHER', 'ID3'],
    ]);
    expect(Buffer.isBuffer(files[0].bytes)).toBe(true);
  });

  it('skips traversal names and directories, keeps base names once', () => {
    const files = readEvidenceArchive(
      zip({
        '../../evil.pdf': bytes('evil'),
        'dir/': new Uint8Array(0),
        'dir/x_userface.jpg': bytes('face'),
        'other/x_userface.jpg': bytes('second face'),
        'x.xml': bytes('<x/>'),
      }),
    );
    expect(files.map((f) => [f.name, f.bytes.toString()])).toEqual([
      ['x_userface.jpg', 'face'],
      ['x.xml', '<x/>'],
    ]);
  });

  it(`refuses more than ${MAX_EVIDENCE_ENTRIES} entries`, () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_EVIDENCE_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, bytes('x')]),
    );
    expect(refusal(zip(many))).toMatch(/more than 200 entries/);
    expect(readEvidenceArchive(zip(Object.fromEntries(Object.entries(many).slice(1))))).toHaveLength(200);
  });

  it('refuses an archive declaring more than 100 MiB before unpacking it', () => {
    const archive = patchCentral(
      zip({ 'a.pdf': bytes('a'), 'b.jpg': bytes('b') }),
      24,
      () => MAX_EVIDENCE_BYTES / 2 + 1,
    );
    expect(refusal(archive)).toMatch(/unpacks to more than/);
  });

  it('refuses an entry that is not its declared size or fails its CRC', () => {
    const content = { 'a.pdf': bytes('a'.repeat(1000)) };
    expect(refusal(patchCentral(zip(content), 24, (n) => n - 10))).toMatch(/fails its CRC check/);
    expect(refusal(patchCentral(zip(content), 24, (n) => n + 10))).toMatch(/not its declared size/);
    expect(refusal(patchCentral(zip(content), 16, (crc) => (crc ^ 1) >>> 0))).toMatch(/fails its CRC check/);
  });

  it('refuses corrupt input with a payload error, never a raw exception', () => {
    const good = zip({ 'a.pdf': bytes('a'.repeat(1000)) });
    for (const bad of [
      Buffer.alloc(0),
      bytes('not a zip at all'),
      good.subarray(0, good.length - 30),
      good.subarray(40),
      Buffer.concat([good.subarray(0, 35), Buffer.alloc(20, 0xff), good.subarray(55)]),
    ]) {
      expect(refusal(bad)).toEqual(expect.stringMatching(/^IDnow downloadEvidence: evidence zip /));
    }
  });

  it('reads an empty zip as no files', () => {
    expect(readEvidenceArchive(zip({}))).toEqual([]);
  });
});
