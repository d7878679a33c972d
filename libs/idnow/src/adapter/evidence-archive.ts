import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { EvidenceDocumentType, EvidenceFile } from '#kyc/identifications';
import { IdnowPayloadError } from '../errors/idnow-errors.js';

/** Caps on what an evidence zip may unpack to; IDnow's are a handful of files of a few MiB. */
export const MAX_EVIDENCE_ENTRIES = 200;
export const MAX_EVIDENCE_BYTES = 100 * 1024 * 1024;

const OPERATION = 'downloadEvidence';
const IMAGE = /\.(jpe?g|png|gif|bmp|tiff?|webp)$/;

/** What kind of evidence a file of IDnow's zip is, by its name. */
export function classifyEvidence(name: string): EvidenceDocumentType {
  const n = name.toLowerCase();
  if (n.endsWith('.pdf')) return 'KYC_REPORT';
  if (/_signature\.[^.]+$/.test(n)) return 'SIGNATURE';
  if (/_id(front|back)side\.[^.]+$/.test(n)) return 'ID_DOCUMENT';
  if (/_userface\.[^.]+$/.test(n) || (/_security[^/]*$/.test(n) && IMAGE.test(n))) return 'PICTURE';
  return 'OTHER';
}

/** The file name to keep, or null for a directory or a name that could point outside (skipped). */
export function safeEntryName(name: string): string | null {
  if (name.endsWith('/') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name))
    return null;
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20)) return null;
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return null;
  const base = parts[parts.length - 1];
  return base === '' || base === '.' ? null : base;
}

const corrupt = (problem: string) => new IdnowPayloadError('evidence zip', problem, OPERATION);

/**
 * The CRC-32 of every entry from the central directory, in order. fflate inflates into a buffer of the
 * declared size and silently drops anything beyond it, so the CRC is what proves an entry complete.
 */
function centralCrcs(zip: Uint8Array): number[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let e = zip.length - 22;
  while (e >= 0 && v.getUint32(e, true) !== 0x06054b50) {
    if (zip.length - e > 65557) break;
    e--;
  }
  if (e < 0 || v.getUint32(e, true) !== 0x06054b50) throw corrupt('has no end of central directory');
  let count = v.getUint16(e + 10, true);
  let offset = v.getUint32(e + 16, true);
  if (e >= 20 && v.getUint32(e - 20, true) === 0x07064b50) {
    const z = Number(v.getBigUint64(e - 12, true));
    if (z + 56 <= zip.length && v.getUint32(z, true) === 0x06064b50) {
      count = Number(v.getBigUint64(z + 32, true));
      offset = Number(v.getBigUint64(z + 48, true));
    }
  }
  if (count > MAX_EVIDENCE_ENTRIES) throw corrupt(`has more than ${MAX_EVIDENCE_ENTRIES} entries`);
  const crcs: number[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || v.getUint32(offset, true) !== 0x02014b50) {
      throw corrupt('has a broken central directory');
    }
    crcs.push(v.getUint32(offset + 16, true));
    offset +=
      46 + v.getUint16(offset + 28, true) + v.getUint16(offset + 30, true) + v.getUint16(offset + 32, true);
  }
  return crcs;
}

interface Accepted {
  index: number;
  name: string;
  size: number;
}

/**
 * IDnow's evidence zip as classified files. Refuses (IdnowPayloadError) a corrupt zip, more than
 * MAX_EVIDENCE_ENTRIES entries or more than MAX_EVIDENCE_BYTES unpacked; skips directories, unsafe
 * names and repeated names. Every entry is checked against its declared size and CRC.
 */
export function readEvidenceArchive(zip: Uint8Array): EvidenceFile[] {
  const crcs = centralCrcs(zip);
  const accepted = new Map<string, Accepted>();
  let index = -1;
  let total = 0;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(zip, {
      filter: (f) => {
        index++;
        if (index >= MAX_EVIDENCE_ENTRIES) throw corrupt(`has more than ${MAX_EVIDENCE_ENTRIES} entries`);
        const name = safeEntryName(f.name);
        if (name === null || [...accepted.values()].some((a) => a.name === name)) return false;
        total += f.originalSize;
        if (total > MAX_EVIDENCE_BYTES) throw corrupt(`unpacks to more than ${MAX_EVIDENCE_BYTES} bytes`);
        accepted.set(f.name, { index, name, size: f.originalSize });
        return true;
      },
    });
  } catch (e) {
    if (e instanceof IdnowPayloadError) throw e;
    throw corrupt('is not a readable zip');
  }
  const files: EvidenceFile[] = [];
  for (const [entry, bytes] of Object.entries(unpacked)) {
    const a = accepted.get(entry);
    if (!a) continue;
    if (bytes.length !== a.size) throw corrupt(`entry ${a.index + 1} is not its declared size`);
    if (crc32(bytes) !== crcs[a.index]) throw corrupt(`entry ${a.index + 1} fails its CRC check`);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    files.push({ name: a.name, documentType: classifyEvidence(a.name), bytes: buffer });
  }
  return files;
}
