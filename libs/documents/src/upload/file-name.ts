import { basename } from 'node:path';

const MAX_NAME = 255;
/** C0 and C1 controls, and the bidi marks and overrides that can disguise an extension. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a document is listed and downloaded under: the client's file name without any path, control
 * or bidi characters, at most 255 characters; a default from the id and type when nothing usable is left.
 */
export function cleanFileName(raw: string | undefined, fallback: string): string {
  const base = basename(String(raw ?? '').replace(/\\/g, '/'))
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/["]/g, "'")
    .trim();
  const name = base === '.' || base === '..' ? '' : base;
  return [...(name || fallback)].slice(0, MAX_NAME).join('');
}

/** RFC 6266 `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 8187). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%]/g, '_') || 'document';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The extension of a file name, lower case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}
