import { randomUUID } from 'node:crypto';
import { isQueryCanceled, STATEMENT_TIMEOUT_RETRY_AFTER_S } from './database-errors.js';
import { DomainError, type FieldIssue } from './domain-errors.js';

export interface SolarisError {
  id: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  source?: FieldIssue;
}

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: { errors: SolarisError[] };
  /** True when the cause is ours, not the caller's: log it with its stack. */
  unexpected: boolean;
}

interface HttpLikeError {
  statusCode?: number;
  status?: number;
  code?: string;
  getStatus?: () => number;
}

/** Framework-level errors (Fastify, Nest) mapped to Solaris codes, titles and a caller-safe detail. */
const HTTP_STATUS: Record<number, { code: string; title: string; detail: string }> = {
  400: { code: 'bad_request', title: 'Bad Request', detail: 'The request could not be understood.' },
  401: { code: 'unauthorized', title: 'Unauthorized', detail: 'Authentication is required.' },
  403: { code: 'forbidden', title: 'Forbidden', detail: 'You are not allowed to do this.' },
  404: { code: 'not_found', title: 'Not Found', detail: 'The requested resource does not exist.' },
  405: {
    code: 'method_not_allowed',
    title: 'Method Not Allowed',
    detail: 'This method is not allowed here.',
  },
  406: {
    code: 'not_acceptable',
    title: 'Not Acceptable',
    detail: 'The requested representation is not available.',
  },
  408: { code: 'request_timeout', title: 'Request Timeout', detail: 'The request took too long to arrive.' },
  413: {
    code: 'payload_too_large',
    title: 'Payload Too Large',
    detail: 'The request body is larger than the allowed limit.',
  },
  414: {
    code: 'uri_too_long',
    title: 'URI Too Long',
    detail: 'The request URL is longer than the allowed limit.',
  },
  415: {
    code: 'unsupported_media_type',
    title: 'Unsupported Media Type',
    detail: 'The request body must be sent as application/json.',
  },
  429: { code: 'too_many_requests', title: 'Too Many Requests', detail: 'Too many requests; slow down.' },
  431: {
    code: 'request_header_fields_too_large',
    title: 'Request Header Fields Too Large',
    detail: 'The request line or headers are larger than the allowed limit.',
  },
};

const FASTIFY_DETAIL: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but its content type says JSON.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not supported here; send application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than the allowed limit.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
};

/** Turn anything thrown anywhere into the Solaris error body. Never leaks a message of an unexpected error. */
export function renderError(err: unknown): RenderedError {
  if (err instanceof DomainError) {
    return {
      status: err.status,
      headers: err.headers,
      unexpected: false,
      body: {
        errors: err.issues().map((i) => ({
          id: randomUUID(),
          status: err.status,
          code: err.code,
          title: err.title,
          detail: i.detail,
          ...(i.source ? { source: i.source } : {}),
        })),
      },
    };
  }
  if (isQueryCanceled(err)) {
    const rendered = one(
      503,
      'service_unavailable',
      'Service Unavailable',
      'The database did not answer in time. Try again shortly.',
      false,
    );
    return { ...rendered, headers: { 'retry-after': String(STATEMENT_TIMEOUT_RETRY_AFTER_S) } };
  }
  const e = (err ?? {}) as HttpLikeError;
  const status = e.getStatus?.() ?? e.statusCode ?? (e instanceof SyntaxError ? 400 : undefined);
  const known = status !== undefined ? HTTP_STATUS[status] : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    const base = known ?? HTTP_STATUS[400];
    const detail =
      (e.code && FASTIFY_DETAIL[e.code]) ??
      (err instanceof SyntaxError ? FASTIFY_DETAIL.FST_ERR_CTP_INVALID_JSON_BODY : base.detail);
    return one(status, base.code, base.title, detail, false);
  }
  return one(
    500,
    'internal_server_error',
    'Internal Server Error',
    'An unexpected error occurred. Quote the error id when you contact support.',
    true,
  );
}

function one(
  status: number,
  code: string,
  title: string,
  detail: string,
  unexpected: boolean,
): RenderedError {
  return {
    status,
    headers: {},
    unexpected,
    body: { errors: [{ id: randomUUID(), status, code, title, detail }] },
  };
}
