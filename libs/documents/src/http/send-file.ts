import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentRecord } from '../document.record.js';
import { contentDisposition } from '../upload/file-name.js';

/** The strong validator of a document: its SHA-256, which changes whenever the bytes would. */
export function etagOf(d: DocumentRecord): string {
  return `"${d.sha256}"`;
}

/** True when the client's If-None-Match already names this version (then answer 304, no body). */
export function notModified(req: FastifyRequest, d: DocumentRecord): boolean {
  const header = req.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  const etag = etagOf(d);
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/** Headers every document answer carries, 200 or 304. */
export function documentHeaders(reply: FastifyReply, d: DocumentRecord): void {
  void reply
    .header('etag', etagOf(d))
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff');
}

/** Stream the (already verified) bytes with their type, length and file name. */
export function sendFile(
  reply: FastifyReply,
  d: DocumentRecord,
  stream: Readable,
  disposition: 'attachment' | 'inline' = 'attachment',
): FastifyReply {
  documentHeaders(reply, d);
  return reply
    .status(200)
    .header('content-type', d.contentType)
    .header('content-length', String(d.size))
    .header('content-disposition', contentDisposition(disposition, d.name))
    .send(stream);
}
