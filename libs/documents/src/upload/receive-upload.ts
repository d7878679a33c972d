import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import {
  BadRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#kyc/common';
import { type MultipartEntry, reportMultipartBody } from '#kyc/idempotency';
import type { StoredFile } from '../storage/index.js';
import { DocumentTooLargeError } from '../storage/index.js';

export interface ReceivedUpload {
  documentType: string | undefined;
  file: { fileName: string | undefined; mimeType: string | undefined; stored: StoredFile } | undefined;
}

/** The form an upload takes: these fields and nothing else. */
const FIELDS = new Set(['document_type']);

/** Limits handed to @fastify/multipart; the file size limit is the DOCUMENT_MAX_BYTES setting. */
export function multipartLimits(maxBytes: number) {
  return {
    fileSize: maxBytes,
    files: 1,
    fields: 4,
    fieldSize: 1024,
    fieldNameSize: 100,
    parts: 6,
    headerPairs: 50,
  };
}

/**
 * Read a `multipart/form-data` upload: the `document_type` field and one `file`, streamed straight into
 * storage by `store` (never held in memory). Whatever goes wrong after the file was stored, `discard`
 * removes it, so a refused upload leaves nothing behind.
 */
export async function receiveUpload(
  req: FastifyRequest,
  maxBytes: number,
  store: (file: Readable) => Promise<StoredFile>,
  discard: () => Promise<void>,
): Promise<ReceivedUpload> {
  if (!req.isMultipart()) {
    throw new UnsupportedMediaTypeError(
      'Send the document as multipart/form-data with the fields document_type and file.',
    );
  }
  const received: ReceivedUpload = { documentType: undefined, file: undefined };
  // What was read, for the Idempotency-Key's fingerprint: fields and the file's SHA-256.
  const entries: MultipartEntry[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw ValidationError.field(
            part.fieldname,
            'is not a known field; send the file in the field "file"',
          );
        }
        const stored = await store(part.file);
        received.file = { fileName: part.filename, mimeType: part.mimetype, stored };
        entries.push({
          kind: 'file',
          name: part.fieldname,
          fileName: part.filename,
          mimeType: part.mimetype,
          sha256: stored.sha256,
        });
      } else if (!FIELDS.has(part.fieldname)) {
        throw ValidationError.field(part.fieldname, 'is not a known field');
      } else if (part.valueTruncated) {
        throw ValidationError.field(part.fieldname, 'is too long');
      } else {
        received.documentType = String(part.value);
        entries.push({ kind: 'field', name: part.fieldname, value: received.documentType });
      }
    }
    reportMultipartBody(req, entries);
    return received;
  } catch (error) {
    if (received.file) await discard();
    throw uploadError(error, maxBytes);
  }
}

/** Busboy and @fastify/multipart failures, in the Solaris error shape. */
function uploadError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (error instanceof DocumentTooLargeError || code === 'FST_REQ_FILE_TOO_LARGE') {
    return new PayloadTooLargeError(`The file is larger than the limit of ${maxBytes} bytes.`);
  }
  if (code === 'FST_FILES_LIMIT') return ValidationError.field('file', 'send exactly one file');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new BadRequestError(
      'The form has more parts than a document upload takes (document_type and file).',
    );
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new UnsupportedMediaTypeError(
      'Send the document as multipart/form-data with the fields document_type and file.',
    );
  }
  if (
    error instanceof Error &&
    !('status' in error) &&
    /multipart|boundary|Unexpected end of form|Malformed/i.test(error.message)
  ) {
    return new BadRequestError('The multipart body is malformed.');
  }
  return error;
}
