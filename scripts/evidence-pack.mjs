// Reads and checks a per-customer evidence pack (a zip written by GET /admin/support/customers/{id}/evidence-pack).
// Plain Node with no dependencies, so `npm run evidence:verify` works on a fresh clone without a build; the
// unit spec of the pack writer imports it too, so the server and the verifier agree on one definition.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

export const PACK_FORMAT = 'kyc-evidence-pack/1';
export const MANIFEST = 'manifest.json';
export const MANIFEST_DIGEST = 'manifest.sha256';
const KEEP_CONTENT = new Set([MANIFEST, MANIFEST_DIGEST]);
const MAX_KEPT_BYTES = 16 * 1024 * 1024;

export function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The detached digest file's line, in `sha256sum` format (so `sha256sum -c manifest.sha256` works too). */
export function manifestDigestLine(manifestSha256) {
  return `${manifestSha256}  ${MANIFEST}\n`;
}

/**
 * The entries of a zip file from its central directory (exact sizes and offsets, whatever the local headers
 * say), each streamed once through SHA-256: `{ path, bytes, sha256, content? }` (content for the manifest
 * files only). Memory stays flat for large documents. Structural faults come back as `problems`.
 */
export async function readPack(file) {
  const handle = await open(file, 'r');
  const problems = [];
  const entries = [];
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return { entries, problems: ['not a zip file (no end of central directory)'] };
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size)
      return { entries, problems: ['not a zip file (central directory out of range)'] };
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > cdSize || cd.readUInt32LE(at) !== 0x02014b50) {
        problems.push('damaged zip (central directory entry unreadable)');
        break;
      }
      const flags = cd.readUInt16LE(at + 8);
      const method = cd.readUInt16LE(at + 10);
      const compressed = cd.readUInt32LE(at + 20);
      const nameLength = cd.readUInt16LE(at + 28);
      const skip = nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
      const localOffset = cd.readUInt32LE(at + 42);
      const path = cd.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      at += 46 + skip;
      if (entries.some((e) => e.path === path)) {
        problems.push(`duplicate: ${path}`);
        continue;
      }
      if (flags & 1) {
        problems.push(`unreadable: ${path} (encrypted)`);
        continue;
      }
      if (method !== 0 && method !== 8) {
        problems.push(`unreadable: ${path} (compression method ${method})`);
        continue;
      }
      const local = Buffer.alloc(30);
      await handle.read(local, 0, 30, localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) {
        problems.push(`unreadable: ${path} (no local header)`);
        continue;
      }
      const start = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      try {
        entries.push({
          path,
          ...(await digestEntry(file, start, compressed, method, KEEP_CONTENT.has(path))),
        });
      } catch {
        problems.push(`unreadable: ${path} (damaged data)`);
      }
    }
  } finally {
    await handle.close();
  }
  return { entries, problems };
}

async function digestEntry(file, start, compressed, method, keep) {
  const hash = createHash('sha256');
  const kept = [];
  let bytes = 0;
  const source = compressed
    ? createReadStream(file, { start, end: start + compressed - 1 })
    : [Buffer.alloc(0)];
  const stages = method === 8 && compressed ? [source, createInflateRaw()] : [source];
  await pipeline(...stages, async (chunks) => {
    for await (const chunk of chunks) {
      hash.update(chunk);
      bytes += chunk.length;
      if (keep && bytes <= MAX_KEPT_BYTES) kept.push(chunk);
    }
  });
  return { bytes, sha256: hash.digest('hex'), ...(keep ? { content: Buffer.concat(kept) } : {}) };
}

/**
 * Checks a pack's entries against its manifest: every listed file present with its size and SHA-256, no file
 * that is not listed, and `manifest.sha256` naming the manifest's own digest. Pure: `entries` as readPack
 * answers them. Answers `{ problems, files, manifest, manifestSha256 }`; no problems means intact.
 */
export function checkPack(entries) {
  const problems = [];
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const manifestEntry = byPath.get(MANIFEST);
  if (!manifestEntry?.content) return { problems: [`missing: ${MANIFEST}`], files: 0, manifest: null };
  const manifestSha256 = sha256Hex(manifestEntry.content);
  let manifest;
  try {
    manifest = JSON.parse(manifestEntry.content.toString('utf8'));
  } catch {
    return { problems: [`${MANIFEST} is not valid JSON`], files: 0, manifest: null, manifestSha256 };
  }
  if (manifest?.format !== PACK_FORMAT || !Array.isArray(manifest.files)) {
    return { problems: [`${MANIFEST} is not a ${PACK_FORMAT} manifest`], files: 0, manifest, manifestSha256 };
  }
  const digest = byPath.get(MANIFEST_DIGEST);
  if (!digest?.content) problems.push(`missing: ${MANIFEST_DIGEST}`);
  else if (digest.content.toString('utf8') !== manifestDigestLine(manifestSha256)) {
    problems.push(
      `changed: ${MANIFEST} (its SHA-256 ${manifestSha256} is not the one in ${MANIFEST_DIGEST})`,
    );
  }
  const listed = new Set();
  for (const file of manifest.files) {
    const path = String(file?.path);
    listed.add(path);
    const entry = byPath.get(path);
    if (!entry) problems.push(`missing: ${path}`);
    else if (entry.sha256 !== file.sha256 || entry.bytes !== file.bytes) {
      problems.push(
        `changed: ${path} (${entry.bytes} bytes, SHA-256 ${entry.sha256}; manifest: ${file.bytes} bytes, ${file.sha256})`,
      );
    }
  }
  for (const entry of entries) {
    if (!listed.has(entry.path) && entry.path !== MANIFEST && entry.path !== MANIFEST_DIGEST) {
      problems.push(`extra: ${entry.path}`);
    }
  }
  return { problems, files: manifest.files.length, manifest, manifestSha256 };
}

/** readPack, then checkPack: everything wrong with the pack at `file`, structural problems first. */
export async function verifyPack(file) {
  const read = await readPack(file);
  const checked = checkPack(read.entries);
  return { ...checked, problems: [...read.problems, ...checked.problems] };
}
