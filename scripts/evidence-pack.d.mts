/** Types of scripts/evidence-pack.mjs, for the TypeScript tests that import it. */
export declare const PACK_FORMAT: 'kyc-evidence-pack/1';
export declare const MANIFEST: 'manifest.json';
export declare const MANIFEST_DIGEST: 'manifest.sha256';

export interface PackEntry {
  path: string;
  bytes: number;
  sha256: string;
  content?: Buffer;
}

export interface PackCheck {
  problems: string[];
  files: number;
  manifest: { person_id?: unknown; files?: unknown[]; [key: string]: unknown } | null;
  manifestSha256?: string;
}

export declare function sha256Hex(bytes: Uint8Array | string): string;
export declare function manifestDigestLine(manifestSha256: string): string;
export declare function readPack(file: string): Promise<{ entries: PackEntry[]; problems: string[] }>;
export declare function checkPack(entries: PackEntry[]): PackCheck;
export declare function verifyPack(file: string): Promise<PackCheck>;
