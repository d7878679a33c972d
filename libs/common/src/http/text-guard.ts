import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../errors/domain-errors.js';

const MAX_DEPTH = 64;
/** A NUL character, or half of a surrogate pair without its other half (not valid Unicode text). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where the first unstorable character hides in a value: a string, an object key or a nested value. */
function badTextAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (UNSTORABLE.test(k)) return path;
    const found = badTextAt(v, Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * PostgreSQL cannot store a NUL character in text or jsonb, nor a lone surrogate in jsonb: a query with
 * one failed with a database error, answered 500. No field of this API legitimately holds either, so a path
 * parameter, query parameter or JSON body carrying one is refused up front with a 400 naming where it was.
 */
export function installTextGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (req: FastifyRequest, _reply, done) => {
    // A bad key at the top level has no field name worth echoing: name the part of the request instead.
    const [field, part] = [
      [badTextAt(req.params, ''), 'path'],
      [badTextAt(req.query, ''), 'query'],
      [typeof req.body === 'object' ? badTextAt(req.body, '') : undefined, 'body'],
    ].find(([f]) => f !== undefined) ?? [undefined, ''];
    done(
      field === undefined
        ? undefined
        : ValidationError.field(field || part!, 'must be valid Unicode text without NUL characters'),
    );
  });
}
