/** How many leading bytes `sniffContentType` looks at. */
export const SNIFF_BYTES = 4100;

/** Every content type `sniffContentType` can answer, with the file extension used in download names. */
const EXTENSIONS = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'application/zip': 'zip',
  'application/xml': 'xml',
  'application/json': 'json',
  'text/plain': 'txt',
} as const;

export type KnownContentType = keyof typeof EXTENSIONS;
export const KNOWN_CONTENT_TYPES = Object.keys(EXTENSIONS) as readonly KnownContentType[];

/** File extension (without dot) for a content type; `bin` for anything not sniffable. */
export function extensionFor(contentType: string | null | undefined): string {
  const bare = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(EXTENSIONS, bare) ? EXTENSIONS[bare as KnownContentType] : 'bin';
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'mif1']);
const MP4_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'mmp4',
  'M4V ', 'M4VH', 'M4VP', 'f4v ',
]); // prettier-ignore

/** Content type from magic bytes in the first SNIFF_BYTES of a file, or null when unknown. */
export function sniffContentType(input: Buffer): KnownContentType | null {
  const head = input.subarray(0, SNIFF_BYTES);
  return sniffBinary(head) ?? sniffText(head);
}

function sniffBinary(b: Buffer): KnownContentType | null {
  const at = (offset: number, signature: string | number[]) =>
    b.length >= offset + signature.length &&
    (typeof signature === 'string'
      ? b.toString('latin1', offset, offset + signature.length) === signature
      : signature.every((byte, i) => b[offset + i] === byte));

  if (at(0, '%PDF-')) return 'application/pdf';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, 'GIF87a') || at(0, 'GIF89a')) return 'image/gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'image/webp';
  if (at(0, 'RIFF') && at(8, 'WAVE')) return 'audio/wav';
  if (at(0, [0x49, 0x49, 0x2a, 0x00]) || at(0, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (at(4, 'ftyp') && b.length >= 12) {
    const brand = b.toString('latin1', 8, 12);
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
    if (brand === 'qt  ') return 'video/quicktime';
    if (MP4_BRANDS.has(brand)) return 'video/mp4';
  }
  if (at(0, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (at(0, 'OggS')) return 'audio/ogg';
  if (at(0, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if ((at(0, 'ID3') && b.length >= 10 && b[3] !== 0xff) || isMpegAudioFrame(b)) return 'audio/mpeg';
  return null;
}

/**
 * An MPEG audio frame header: 11 sync bits, then no reserved version, bitrate or sample rate, and layer
 * II or III. Layer I is left out: its header `FF FE` is also the UTF-16LE byte order mark.
 */
function isMpegAudioFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 0b11;
  const layer = (b[1] >> 1) & 0b11;
  const bitrate = b[2] >> 4;
  const sampleRate = (b[2] >> 2) & 0b11;
  return version !== 0b01 && (layer === 0b01 || layer === 0b10) && bitrate !== 0b1111 && sampleRate !== 0b11;
}

const BOM = [0xef, 0xbb, 0xbf];

function sniffText(b: Buffer): KnownContentType | null {
  const start = BOM.every((byte, i) => b[i] === byte) ? 3 : 0;
  if (b.toString('latin1', start, start + 5) === '<?xml') return 'application/xml';
  if (b.length === start || !isUtf8Text(b.subarray(start))) return null;
  const first = b.subarray(start).find((byte) => !isJsonWhitespace(byte));
  return first === 0x7b || first === 0x5b ? 'application/json' : 'text/plain';
}

/** Valid UTF-8 without NUL or C0 controls other than tab, CR and LF; a cut sequence at the end is fine. */
function isUtf8Text(b: Buffer): boolean {
  for (const byte of b) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  try {
    // `stream: true` keeps an incomplete trailing sequence pending instead of rejecting it.
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
