import { ValidationError } from '#kyc/common';
import { ACCEPTED_CONTENT, type DocumentType } from '../rules/document-types.js';
import { extensionOf } from './file-name.js';

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  xml: 'application/xml',
  json: 'application/json',
  txt: 'text/plain',
  zip: 'application/zip',
};

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'text/xml': 'application/xml',
  'application/x-zip-compressed': 'application/zip',
};

/** Client-declared types that say nothing about the bytes. */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The uploaded bytes must be a format the document type allows, and must not contradict what the client
 * declared: the part's Content-Type or the file name's extension. Answers the content type to store.
 */
export function checkUploadContent(
  documentType: DocumentType,
  sniffed: string | null,
  declared: { mimeType: string | undefined; fileName: string },
): string {
  if (!sniffed) {
    throw ValidationError.field(
      'file',
      'is not in a recognised document format (PDF, image, video, audio or text)',
    );
  }
  if (!ACCEPTED_CONTENT[documentType].includes(sniffed)) {
    throw ValidationError.field(
      'file',
      `content is ${sniffed}, which is not accepted for document_type ${documentType} (accepted: ${ACCEPTED_CONTENT[documentType].join(', ')})`,
    );
  }
  const mime = normalise(declared.mimeType);
  if (!UNSPECIFIC.has(mime) && mime !== sniffed) {
    throw ValidationError.field('file', `is declared as ${mime} but its content is ${sniffed}`);
  }
  const byExtension = BY_EXTENSION[extensionOf(declared.fileName)];
  if (byExtension && byExtension !== sniffed) {
    throw ValidationError.field('file', `name says ${byExtension} but its content is ${sniffed}`);
  }
  return sniffed;
}

function normalise(mime: string | undefined): string {
  const base = String(mime ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return ALIASES[base] ?? base;
}
