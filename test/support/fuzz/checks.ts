import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, Operation } from './operations.js';

/** The Solaris error body (libs/common/src/errors/solaris-error-body.ts), exactly: nothing else beside `errors`. */
export const SOLARIS_ERROR_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'code', 'title', 'detail'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { type: 'integer', minimum: 400, maximum: 499 },
          code: { type: 'string', minLength: 1 },
          title: { type: 'string', minLength: 1 },
          detail: { type: 'string', minLength: 1 },
          source: {
            type: 'object',
            additionalProperties: false,
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

/** IDnow's error body, which the IDnow sandbox answers as IDnow does. */
const IDNOW_ERROR_SCHEMA = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['cause'], properties: { cause: { type: 'string' } } },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: false, strict: false });
// ajv-formats is CommonJS: under native ESM its default import is the plugin itself or its namespace.
const plugin = addFormats as unknown as { default?: typeof addFormats } & typeof addFormats;
(plugin.default ?? plugin)(ajv);
const errorBody = ajv.compile(SOLARIS_ERROR_SCHEMA);
const idnowErrorBody = ajv.compile(IDNOW_ERROR_SCHEMA);
const compiled = new Map<JsonSchema, ValidateFunction>();

/** Routes that answer files, pages or text on purpose: everything else answers JSON. */
const NOT_JSON = /^\/docs|^\/metrics$|^\/sandbox\/idnow\/go\/|\.csv$|\.zip$|\/file$|\/evidence-pack$/;

/** The ajv errors of a body against a response schema ($refs resolved), or undefined when it is valid. */
export function schemaErrors(schema: JsonSchema, body: unknown): string | undefined {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

/** The properties a schema describes, its own and those of its allOf/oneOf/anyOf branches (nullable objects). */
function describedProperties(schema: JsonSchema): Record<string, JsonSchema> | undefined {
  const branches = [schema, ...['allOf', 'oneOf', 'anyOf'].flatMap((k) => (schema[k] ?? []) as JsonSchema[])];
  const found = branches
    .map(
      (b) => (b === schema ? b.properties : describedProperties(b)) as Record<string, JsonSchema> | undefined,
    )
    .filter((p) => p !== undefined);
  return found.length ? Object.assign({}, ...found) : undefined;
}

/** Fields of a body its schema does not describe (ajv lets them pass: the document has no additionalProperties). */
export function undescribed(schema: JsonSchema, body: unknown, at = ''): string[] {
  if (Array.isArray(body)) return body.flatMap((b, i) => undescribed(schema.items ?? {}, b, `${at}[${i}]`));
  const props = body !== null && typeof body === 'object' ? describedProperties(schema) : undefined;
  if (!props) return [];
  return Object.entries(body as object).flatMap(([k, v]) =>
    k in props ? undescribed(props[k], v, `${at}.${k}`) : [`${at}.${k}`],
  );
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** What is wrong with an answer, or undefined when it keeps the house rules. */
export function violation(op: Operation, a: Answer): string | undefined {
  if (a.status >= 500) return `status ${a.status}`;
  let body: unknown;
  const isJson = /^application\/json/.test(a.contentType);
  if (isJson && a.text) {
    try {
      body = JSON.parse(a.text);
    } catch {
      return 'content-type says JSON but the body does not parse';
    }
  }
  if (a.status >= 400) {
    if (op.errorShape === 'html' && /^text\/html/.test(a.contentType)) return undefined;
    if (op.errorShape === 'idnow' && isJson && idnowErrorBody(body)) return undefined;
    if (!isJson) return `a ${a.status} that is not JSON (${a.contentType || 'no content type'})`;
    if (!errorBody(body))
      return `a ${a.status} not in the Solaris error shape: ${ajv.errorsText(errorBody.errors)}`;
    const wrong = body.errors.find((e: { status: number }) => e.status !== a.status);
    if (wrong) return `an error entry with status ${wrong.status} in a ${a.status} answer`;
    return undefined;
  }
  if (a.status >= 200 && a.status < 300) {
    const schema = op.responses[String(a.status)];
    if (!schema)
      return a.text && !isJson && !NOT_JSON.test(op.path) ? `a ${a.status} that is not JSON` : undefined;
    if (!isJson) return `a ${a.status} that is not JSON, against a documented JSON schema`;
    const errors = schemaErrors(schema, body);
    if (errors) return `a ${a.status} that breaks its OpenAPI schema: ${errors}`;
  }
  return undefined;
}
