import { describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { extensionFor, KNOWN_CONTENT_TYPES, sniffContentType } from './content-type.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ascii = (s: string) => Buffer.from(s, 'latin1');

/** An ISO base media file starting with an `ftyp` box of the given major brand. */
const ftyp = (brand: string) =>
  Buffer.concat([hex('00000018'), ascii('ftyp'), ascii(brand), hex('00000000'), ascii('isommp42')]);

/** A RIFF container of the given form type with one small chunk. */
const riff = (form: string, chunk: Buffer) =>
  Buffer.concat([ascii('RIFF'), le32(4 + chunk.length), ascii(form), chunk]);

const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** Deterministic noise (xorshift32) so a test run never depends on luck. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const SAMPLES: Array<[string, () => Buffer | Promise<Buffer>]> = [
  ['application/pdf', async () => Buffer.from(await (await PDFDocument.create()).save())],
  [
    'image/png',
    () =>
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
  ],
  [
    'image/jpeg',
    () => Buffer.from(jpeg.encode({ data: Buffer.alloc(4, 0xff), width: 1, height: 1 }, 90).data),
  ],
  ['image/gif', () => Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')],
  ['image/webp', () => Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')],
  // Little- and big-endian TIFF headers, each pointing at an empty first IFD.
  ['image/tiff', () => hex('49492a00 08000000 0000 00000000')],
  ['image/tiff', () => hex('4d4d002a 00000008 0000 00000000')],
  ['image/heic', () => ftyp('heic')],
  ['image/heic', () => ftyp('heix')],
  ['image/heic', () => ftyp('mif1')],
  // ID3v2.4 tag header followed by an MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz).
  ['audio/mpeg', () => Buffer.concat([ascii('ID3'), hex('04000000000a'), Buffer.alloc(10), hex('fffb9064')])],
  ['audio/mpeg', () => Buffer.concat([hex('fffb9064'), Buffer.alloc(413)])],
  // MPEG-2 Layer III (22.05 kHz) and MPEG-1 Layer II frame headers.
  ['audio/mpeg', () => Buffer.concat([hex('fff39064'), Buffer.alloc(200)])],
  ['audio/mpeg', () => Buffer.concat([hex('fffd9004'), Buffer.alloc(200)])],
  [
    'audio/wav',
    () => {
      const fmt = Buffer.concat([ascii('fmt '), le32(16), hex('0100 0100 401f0000 803e0000 0200 1000')]);
      return riff('WAVE', Buffer.concat([fmt, ascii('data'), le32(2), hex('0000')]));
    },
  ],
  [
    'audio/ogg',
    () => Buffer.concat([ascii('OggS'), hex('0002 0000000000000000 01020304 00000000'), ascii('\x01vorbis')]),
  ],
  ['video/mp4', () => ftyp('isom')],
  ['video/mp4', () => ftyp('mp42')],
  ['video/mp4', () => ftyp('M4V ')],
  ['video/quicktime', () => ftyp('qt  ')],
  // EBML header whose DocType is "webm".
  [
    'video/webm',
    () =>
      hex('1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84 7765626d 4287 81 04 4285 81 02'),
  ],
  ['application/zip', () => Buffer.from(zipSync({ 'a.txt': new TextEncoder().encode('hello') }))],
  ['application/xml', () => Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<a/>')],
  ['application/xml', () => Buffer.concat([hex('efbbbf'), Buffer.from('<?xml version="1.0"?><a/>')])],
  ['application/json', () => Buffer.from('  \n{"name":"Müller","ok":true}')],
  ['application/json', () => Buffer.from('[1, 2, 3]')],
  ['text/plain', () => Buffer.from('Sehr geehrte Frau Müller,\r\n\tdie Prüfung ist abgeschlossen. ✓\n')],
];

describe(sniffContentType.name, () => {
  it.each(SAMPLES)('recognises %s from a real minimal sample', async (type, sample) => {
    expect(sniffContentType(await sample())).toBe(type);
  });

  it('covers every known content type with a sample', () => {
    expect(new Set(SAMPLES.map(([type]) => type))).toEqual(new Set(KNOWN_CONTENT_TYPES));
  });

  it('looks only at the first 4100 bytes', () => {
    const text = Buffer.concat([Buffer.alloc(4100, 'a'), Buffer.from([0])]);
    expect(sniffContentType(text)).toBe('text/plain');
    expect(sniffContentType(Buffer.concat([Buffer.alloc(4099, 'a'), Buffer.from([0])]))).toBeNull();
  });

  it('accepts a multi-byte character cut off at the end of the head', () => {
    const euro = Buffer.from('€'); // e2 82 ac
    const head = Buffer.concat([Buffer.alloc(4098, 'a'), euro]).subarray(0, 4100);
    expect(sniffContentType(head)).toBe('text/plain');
  });

  it.each<[string, Buffer]>([
    ['random bytes', noise(4100, 0x2545f491)],
    ['more random bytes', noise(64, 0x9e3779b9)],
    ['an empty file', Buffer.alloc(0)],
    ['a PNG signature cut short', hex('89504e470d0a')],
    ['a RIFF header of another form', riff('AVI ', Buffer.alloc(8))],
    ['an ftyp box of an unknown brand', ftyp('xxxx')],
    ['an ADTS (AAC) header, which has the sync bits but MPEG layer 0', hex('fff15080 00 1f fc')],
    ['an MPEG frame with a reserved sample rate', hex('fffb9c64')],
    ['text with NULs', Buffer.from('hello\0world')],
    ['JSON with a NUL', Buffer.from('{"a":"\0"}')],
    ['text with other control characters', Buffer.from('hello\x1bworld')],
    ['invalid UTF-8 in the middle', Buffer.concat([Buffer.from('abc'), hex('c328'), Buffer.from('def')])],
    ['UTF-16 text', Buffer.from('\ufeffhello', 'utf16le')],
    ['an MPEG Layer I header (the UTF-16LE byte order mark)', hex('fffe6800')],
  ])('answers null for %s', (_what, bytes) => {
    expect(sniffContentType(bytes)).toBeNull();
  });
});

describe(extensionFor.name, () => {
  it.each([
    ['application/pdf', 'pdf'],
    ['image/jpeg', 'jpg'],
    ['image/png', 'png'],
    ['video/quicktime', 'mov'],
    ['text/plain; charset=utf-8', 'txt'],
    ['application/octet-stream', 'bin'],
    [null, 'bin'],
    ['constructor', 'bin'],
  ])('%s → %s', (type, extension) => {
    expect(extensionFor(type)).toBe(extension);
  });

  it('has an extension for every known content type', () => {
    for (const type of KNOWN_CONTENT_TYPES) expect(extensionFor(type)).not.toBe('bin');
  });
});
