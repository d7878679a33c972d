import { createHash } from 'node:crypto';

/** The pack's format, as scripts/evidence-pack.mjs (the verifier) checks it. */
export const PACK_FORMAT = 'kyc-evidence-pack/1';
export const MANIFEST = 'manifest.json';
export const MANIFEST_DIGEST = 'manifest.sha256';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ManifestInput {
  personId: string;
  createdAt: Date;
  createdBy: { staffId: string | null; role: string | null };
  reason: string;
  files: ManifestFile[];
}

/** The manifest's bytes as written into the pack, its SHA-256, and the detached digest file's bytes. */
export interface BuiltManifest {
  json: Buffer;
  sha256: string;
  digestFile: Buffer;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest lists every other file of the pack with its size and SHA-256, in pack order. */
export function buildManifest(input: ManifestInput): BuiltManifest {
  const manifest = {
    format: PACK_FORMAT,
    person_id: input.personId,
    created_at: input.createdAt.toISOString(),
    created_by: { staff_id: input.createdBy.staffId, role: input.createdBy.role },
    reason: input.reason,
    files: input.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })),
  };
  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const sha256 = sha256Hex(json);
  // `sha256sum -c manifest.sha256` checks it too, after unzipping.
  return { json, sha256, digestFile: Buffer.from(`${sha256}  ${MANIFEST}\n`, 'utf8') };
}

/** `evidence-<personId>-20261127T084500Z.zip`: the attachment's name. */
export function packFileName(personId: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `evidence-${personId}-${stamp}.zip`;
}

/** A document's path in the pack: its id (unique) and its name reduced to safe characters. */
export function documentPath(id: string, name: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return `documents/${id}-${safe || 'file'}`;
}
