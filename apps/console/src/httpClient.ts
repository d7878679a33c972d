import { fetchUtils, HttpError } from 'react-admin';

/** Everything the console calls lives under /admin, on the origin that served it. */
export const API = '/admin';

/** The CSRF token the server set at login in the script-readable `kyc_csrf` cookie. */
export function csrfToken(): string {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'kyc_csrf') return decodeURIComponent(value.join('='));
  }
  return '';
}

/** One entry of the Solaris error body every server error uses. */
export interface SolarisError {
  code: string;
  title: string;
  detail: string;
  source?: { field: string; message: string };
}

/** The body of a rejected call as the console reads it: the first error's code, and field errors for forms. */
export interface ErrorBody {
  code?: string;
  errors: Record<string, string>;
  retryAfter?: string | null;
}

/**
 * fetchJson with the session cookie (same origin only) and X-CSRF-Token on every non-GET call. A Solaris
 * error body becomes an HttpError whose message is the server's detail and whose body carries `code` and
 * `errors` keyed by field, which react-admin forms show under the input.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  if (method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', csrfToken());
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
  } catch (e) {
    throw toHttpError(e);
  }
}

/**
 * A file from the api as a Blob, with the session cookie (same origin only, GET needs no CSRF token); a
 * rejected call becomes the same HttpError as httpClient's, with the server's detail as its message.
 */
export async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: '*/*' } });
  if (res.ok) return res.blob();
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not a Solaris error body (a proxy's page): the status text is all there is to say.
  }
  throw toHttpError(new HttpError(res.statusText || String(res.status), res.status, body));
}

function toHttpError(e: unknown): unknown {
  if (!(e instanceof HttpError)) return e;
  const raw = e.body as { errors?: SolarisError[] } | undefined;
  const entries = Array.isArray(raw?.errors) ? raw.errors : [];
  const body: ErrorBody = { code: entries[0]?.code, errors: {} };
  for (const entry of entries) {
    const field = entry.source?.field;
    if (field) body.errors[field] = entry.source?.message ?? entry.detail;
  }
  return new HttpError(entries[0]?.detail ?? e.message, e.status, body);
}

/** The code of a rejected call's first Solaris error, if any. */
export function errorCode(e: unknown): string | undefined {
  return e instanceof HttpError ? (e.body as ErrorBody | undefined)?.code : undefined;
}
