import { inflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import jpeg from 'jpeg-js';
import {
  CARD_SIZE,
  type CardData,
  encodePng,
  FACE_HEIGHT,
  FACE_WIDTH,
  idBackJpeg,
  idFrontJpeg,
  SIGNATURE_HEIGHT,
  SIGNATURE_WIDTH,
  signaturePng,
  userFaceJpeg,
} from './images.js';
import { checkDigit, td1Lines } from './mrz.js';

const CARD: CardData = {
  firstName: 'ÉLOÏSE-ÅSA',
  lastName: 'MÜLLER-ŁUKASIŃSKA ØRSTED',
  birthday: '1987-03-14',
  birthplace: 'SAINT-ÉTIENNE',
  nationality: 'AT',
  gender: 'FEMALE',
  address: 'KÄRNTNER STRAßE 12A, 1010 WIEN',
  documentNumber: 'T25073621',
  country: 'DE',
  validUntil: '2032-08-31',
  issuedBy: 'STADT BERLIN',
  dateIssued: '2022-09-01',
};

/** PNG chunks with their CRCs checked; throws on a bad signature or CRC. */
function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

/** Decoded RGBA pixels of an 8-bit RGBA PNG written with filter 0 (what encodePng writes). */
function decodeRgbaPng(png: Buffer) {
  const chunks = pngChunks(png);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4 + 1;
  expect(raw.length).toBe(stride * height);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride]).toBe(0);
    raw.copy(pixels, y * width * 4, y * stride + 1, (y + 1) * stride);
  }
  return { width, height, colourType: ihdr[9], bitDepth: ihdr[8], pixels };
}

const distinctColours = (rgba: Uint8Array) => {
  const seen = new Set<number>();
  for (let i = 0; i < rgba.length; i += 4) seen.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
  return seen.size;
};

describe('evidence images', () => {
  it('writes a signature PNG with valid chunks, its size and ink pixels, the same for the same name', () => {
    const png = signaturePng('Jane', 'Müller');
    expect(pngChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const { width, height, colourType, bitDepth, pixels } = decodeRgbaPng(png);
    expect([width, height, colourType, bitDepth]).toEqual([SIGNATURE_WIDTH, SIGNATURE_HEIGHT, 6, 8]);
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 128 && pixels[i + 2] < 140) ink++;
    expect(ink).toBeGreaterThan(1500);
    expect(ink).toBeLessThan(width * height * 0.25);
    expect(pixels[3]).toBe(0); // the corner is transparent
    expect(signaturePng('Jane', 'Müller').equals(png)).toBe(true);
    expect(signaturePng('John', 'Doe').equals(png)).toBe(false);
  });

  it('encodes RGB PNGs too and refuses a pixel buffer of the wrong size', () => {
    const png = encodePng(2, 1, Uint8Array.from([255, 0, 0, 0, 0, 255]), 3);
    const ihdr = pngChunks(png)[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[9]]).toEqual([2, 1, 2]);
    expect(() => encodePng(2, 2, new Uint8Array(3), 3)).toThrow(RangeError);
  });

  it.each([
    ['ID card front', () => idFrontJpeg(CARD), CARD_SIZE.width, CARD_SIZE.height],
    ['ID card back', () => idBackJpeg(CARD), CARD_SIZE.width, CARD_SIZE.height],
    ['user face', () => userFaceJpeg(CARD), FACE_WIDTH, FACE_HEIGHT],
  ])('writes the %s as a JPEG that decodes to a real picture', (_, make, width, height) => {
    const bytes = make();
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const image = jpeg.decode(bytes, { useTArray: true });
    expect([image.width, image.height]).toEqual([width, height]);
    expect(distinctColours(image.data)).toBeGreaterThan(50);
    expect(make().equals(bytes)).toBe(true);
  });

  it('puts a valid TD1 machine-readable zone on the back, umlauts as base letters', () => {
    const [l1, l2, l3] = td1Lines(CARD);
    expect([l1.length, l2.length, l3.length]).toEqual([30, 30, 30]);
    expect(l1).toBe(`IDD<<T25073621${checkDigit('T25073621')}<<<<<<<<<<<<<<<`);
    expect(l2.slice(0, 8)).toBe(`870314${checkDigit('870314')}F`);
    expect(l3).toBe('MULLER<LUKASINSKA<ORSTED<<ELOI');
    // ICAO 9303's own example: L898902C3 has check digit 6.
    expect(checkDigit('L898902C3')).toBe('6');
  });
});
