import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted at every depth: the same data gives the same text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Digest of a parsed JSON body: key order and whitespace do not count, every value does. */
export function jsonBodyHash(body: unknown): string {
  return sha256(`json:${canonicalJson(body ?? null)}`);
}

/** One part of a multipart form as the fingerprint sees it: a field's value, or a file's SHA-256. */
export type MultipartEntry =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; fileName: string; mimeType: string; sha256: string };

/** Digest of a multipart form: its fields and files (content by SHA-256), in any order, boundary ignored. */
export function multipartBodyHash(entries: MultipartEntry[]): string {
  const lines = entries.map((e) =>
    e.kind === 'field'
      ? canonicalJson(['field', e.name, e.value])
      : canonicalJson(['file', e.name, e.fileName, e.mimeType, e.sha256]),
  );
  return sha256(`multipart:${lines.sort().join('\n')}`);
}

/** Reads (and so consumes) a multipart body to fingerprint it; undefined when it cannot be read as a form. */
export async function readMultipartBodyHash(req: FastifyRequest): Promise<string | undefined> {
  const entries: MultipartEntry[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const digest = await streamSha256(part.file);
        entries.push({
          kind: 'file',
          name: part.fieldname,
          fileName: part.filename,
          mimeType: part.mimetype,
          sha256: digest,
        });
      } else {
        entries.push({ kind: 'field', name: part.fieldname, value: String(part.value) });
      }
    }
  } catch {
    return undefined;
  }
  return multipartBodyHash(entries);
}

async function streamSha256(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
