import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import {
  BadRequestError,
  InvalidModelError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from './domain-errors.js';
import { renderError } from './solaris-error-body.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every rendered entry has exactly the Solaris keys (source only when a field is at fault). */
function expectSolarisShape(body: { errors: object[] }) {
  expect(body.errors.length).toBeGreaterThan(0);
  for (const e of body.errors) {
    const keys = Object.keys(e).sort();
    expect([
      ['code', 'detail', 'id', 'status', 'title'],
      ['code', 'detail', 'id', 'source', 'status', 'title'],
    ]).toContainEqual(keys);
    expect((e as { id: string }).id).toMatch(UUID);
  }
}

describe(renderError.name, () => {
  describe('domain errors', () => {
    it('renders one entry per invalid field, each with its own id', () => {
      const err = new ValidationError([
        { field: 'first_name', message: 'must not start with a whitespace' },
        { field: 'birth_date', message: 'must be in the past' },
        { field: 'address.country', message: 'must be an ISO 3166-1 alpha-2 country code such as DE' },
      ]);
      const r = renderError(err);
      expect(r.status).toBe(400);
      expect(r.unexpected).toBe(false);
      expect(r.headers).toEqual({});
      expectSolarisShape(r.body);
      expect(r.body.errors.map(({ id: _id, ...rest }) => rest)).toEqual([
        {
          status: 400,
          code: 'validation_error',
          title: 'Validation Error',
          detail: 'first_name must not start with a whitespace',
          source: { field: 'first_name', message: 'must not start with a whitespace' },
        },
        {
          status: 400,
          code: 'validation_error',
          title: 'Validation Error',
          detail: 'birth_date must be in the past',
          source: { field: 'birth_date', message: 'must be in the past' },
        },
        {
          status: 400,
          code: 'validation_error',
          title: 'Validation Error',
          detail: 'address.country must be an ISO 3166-1 alpha-2 country code such as DE',
          source: {
            field: 'address.country',
            message: 'must be an ISO 3166-1 alpha-2 country code such as DE',
          },
        },
      ]);
      expect(new Set(r.body.errors.map((e) => e.id)).size).toBe(3);
    });

    it('gives a new id every time the same error is rendered', () => {
      const err = ValidationError.field('salutation', 'must be one of MR, MS');
      const ids = new Set(Array.from({ length: 20 }, () => renderError(err).body.errors[0]?.id));
      expect(ids.size).toBe(20);
    });

    it('renders an error without a field at fault without source', () => {
      const r = renderError(new NotFoundError('Person', 'abc123cper'));
      expect(r.status).toBe(404);
      expectSolarisShape(r.body);
      expect(r.body.errors).toEqual([
        {
          id: expect.stringMatching(UUID),
          status: 404,
          code: 'model_not_found',
          title: 'Model Not Found',
          detail: "Couldn't find 'Person' for id 'abc123cper'.",
        },
      ]);
    });

    it('keeps only id-like characters of an echoed id', () => {
      const detail = renderError(new NotFoundError('Person', "x'><script>alert(1)</script>\n")).body.errors[0]
        ?.detail;
      expect(detail).toBe("Couldn't find 'Person' for id 'xscriptalert1script'.");
    });

    it('renders the invalid_model error with its field', () => {
      const r = renderError(new InvalidModelError('country', 'Residency Country is not allowed'));
      expect(r.body.errors[0]).toMatchObject({
        status: 400,
        code: 'invalid_model',
        title: 'Invalid Model',
        detail: 'country Residency Country is not allowed',
        source: { field: 'country', message: 'Residency Country is not allowed' },
      });
    });

    it('passes on the headers of an error', () => {
      const r = renderError(new TooManyRequestsError('Slow down.', 2.2));
      expect(r.status).toBe(429);
      expect(r.headers).toEqual({ 'retry-after': '3' });
      const unauthorized = renderError(
        new UnauthorizedError('No token.', undefined, { 'www-authenticate': 'Bearer' }),
      );
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers).toEqual({ 'www-authenticate': 'Bearer' });
      expect(unauthorized.body.errors[0]).toMatchObject({
        code: 'unauthorized',
        title: 'Unauthorized',
        detail: 'No token.',
      });
    });

    it('renders BadRequestError with its detail and optional source', () => {
      const r = renderError(
        new BadRequestError('grant_type must be client_credentials', { field: 'grant_type', message: 'x' }),
      );
      expect(r.body.errors[0]).toMatchObject({
        status: 400,
        code: 'bad_request',
        detail: 'grant_type must be client_credentials',
        source: { field: 'grant_type' },
      });
    });
  });

  describe('framework errors', () => {
    it('renders a Fastify 413 with a caller-safe detail', () => {
      const fst = Object.assign(new Error('Request body is too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      });
      const r = renderError(fst);
      expect(r.status).toBe(413);
      expect(r.unexpected).toBe(false);
      expectSolarisShape(r.body);
      expect(r.body.errors[0]).toMatchObject({
        status: 413,
        code: 'payload_too_large',
        title: 'Payload Too Large',
        detail: 'The request body is larger than the allowed limit.',
      });
    });

    it('renders a Fastify 414 for an over-long path parameter, without the path', () => {
      const fst = Object.assign(new Error("'/v1/persons/aaaa' is exceeding the max param length"), {
        statusCode: 414,
        code: 'FST_ERR_MAX_PARAM_LENGTH',
      });
      const r = renderError(fst);
      expect(r.status).toBe(414);
      expect(r.body.errors[0]).toMatchObject({ status: 414, code: 'uri_too_long', title: 'URI Too Long' });
      expect(JSON.stringify(r.body)).not.toContain('aaaa');
    });

    it('renders a Fastify 415', () => {
      const fst = Object.assign(new Error('Unsupported Media Type: text/plain'), {
        statusCode: 415,
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      });
      const r = renderError(fst);
      expect(r.status).toBe(415);
      expect(r.body.errors[0]).toMatchObject({
        status: 415,
        code: 'unsupported_media_type',
        title: 'Unsupported Media Type',
      });
      expect(r.body.errors[0]?.detail).not.toContain('text/plain');
    });

    it('renders invalid JSON as 400 without the parser message', () => {
      const fst = Object.assign(new SyntaxError('Unexpected token } in JSON at position 17'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      const r = renderError(fst);
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({
        status: 400,
        code: 'bad_request',
        title: 'Bad Request',
        detail: 'The request body is not valid JSON.',
      });
      expect(JSON.stringify(r.body)).not.toContain('position 17');
    });

    it('renders a bare SyntaxError (JSON.parse) as invalid JSON', () => {
      const r = renderError(new SyntaxError('Unexpected end of JSON input'));
      expect(r.status).toBe(400);
      expect(r.body.errors[0]?.detail).toBe('The request body is not valid JSON.');
    });

    it('renders Nest HTTP exceptions by their status', () => {
      expect(renderError(new NotFoundException('Cannot GET /nope')).body.errors[0]).toMatchObject({
        status: 404,
        code: 'not_found',
        title: 'Not Found',
        detail: 'The requested resource does not exist.',
      });
      expect(renderError(new BadRequestException('internal words')).body.errors[0]).toMatchObject({
        status: 400,
        code: 'bad_request',
        detail: 'The request could not be understood.',
      });
    });

    it('renders 405 for a plain status object', () => {
      const r = renderError({ statusCode: 405 });
      expect(r.status).toBe(405);
      expect(r.body.errors[0]).toMatchObject({ code: 'method_not_allowed', title: 'Method Not Allowed' });
    });
  });

  describe('unexpected errors', () => {
    it('renders 500 with a generic detail that never carries the original message', () => {
      const secret = 'duplicate key value violates unique constraint; Key (first_name)=(Jane Doe)';
      const r = renderError(new Error(secret));
      expect(r.status).toBe(500);
      expect(r.unexpected).toBe(true);
      expectSolarisShape(r.body);
      expect(r.body.errors).toEqual([
        {
          id: expect.stringMatching(UUID),
          status: 500,
          code: 'internal_server_error',
          title: 'Internal Server Error',
          detail: 'An unexpected error occurred. Quote the error id when you contact support.',
        },
      ]);
      expect(JSON.stringify(r.body)).not.toContain('Jane');
      expect(JSON.stringify(r.body)).not.toContain('duplicate key');
    });

    it.each([
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'x')")],
      ['a thrown string', 'boom'],
      ['null', null],
      ['undefined', undefined],
      ['an upstream 5xx status', Object.assign(new Error('upstream said no'), { statusCode: 502 })],
    ])('renders %s as a generic 500', (_label, thrown) => {
      const r = renderError(thrown);
      expect(r.status).toBe(500);
      expect(r.unexpected).toBe(true);
      expect(r.body.errors).toHaveLength(1);
      expect(r.body.errors[0]?.code).toBe('internal_server_error');
      expect(JSON.stringify(r.body)).not.toMatch(/reading 'x'|boom|upstream said no/);
    });
  });
});
