import { registeredRoutes } from '#kyc/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export type JsonSchema = Record<string, any>;

/** One route as the fuzzer sees it: read from the OpenAPI document, or listed below when the document omits it. */
export interface Operation {
  method: string;
  /** Fastify style, e.g. /v1/persons/:id */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** The request body schema ($refs resolved), when the route takes JSON. */
  body?: JsonSchema;
  /** Response schemas by status code, where the document has them. */
  responses: Record<string, JsonSchema | undefined>;
  /** Why the OpenAPI document leaves the route out (only for routes not in it). */
  undocumented?: string;
  /**
   * The error shape its handlers answer: Solaris everywhere, except the IDnow sandbox, which speaks IDnow's
   * shape (`{"errors":[{"cause",...}]}`) and, for the customer's web flow, HTML pages. Errors raised before a
   * handler (bad JSON, 413, 415, NUL characters) are in the Solaris shape on every route.
   */
  errorShape: 'solaris' | 'idnow' | 'html';
}

/**
 * Routes the app serves that the OpenAPI document deliberately leaves out, each with the reason. The fuzzer
 * sends requests to these too; a registered route that is in neither list fails the coverage test.
 */
const UNDOCUMENTED: { method: string; path: string; why: string; body?: JsonSchema }[] = [
  ...['/docs-json', '/docs', '/docs/init.js', '/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js']
    .concat('/docs/swagger-ui-standalone-preset.js')
    .map((path) => ({ method: 'GET', path, why: 'the API documentation itself' })),
  { method: 'GET', path: '/metrics', why: 'Prometheus metrics, in the Prometheus text format' },
  ...['/providers/idnow/callback', '/providers/idnow/callback/:secret'].map((path) => ({
    method: 'POST',
    path,
    why: "IDnow's callback, called by the provider, not by partners",
    body: {
      type: 'object',
      properties: {
        identificationprocess: {
          type: 'object',
          properties: { transactionnumber: { type: 'string' }, result: { type: 'string' } },
          required: ['transactionnumber'],
        },
      },
      required: ['identificationprocess'],
    },
  })),
  ...['', '/start', '/continue', '/code'].map((sub) => ({
    method: sub ? 'POST' : 'GET',
    path: `/sandbox/idnow/go/:companyId/identifications/:txn${sub}`,
    why: "the sandbox's customer web flow (HTML pages)",
  })),
];

const errorShapeOf = (path: string): Operation['errorShape'] =>
  path.startsWith('/sandbox/idnow/api/')
    ? 'idnow'
    : path.startsWith('/sandbox/idnow/go/')
      ? 'html'
      : 'solaris';

const toFastify = (p: string) => p.replace(/\{([^}]+)\}/g, ':$1');
const paramsOf = (p: string) => [...p.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);

/** Replace every local $ref by its target, so each schema stands alone (ajv and the generators need that). */
export function deref(schema: unknown, doc: JsonSchema, depth = 0): any {
  if (depth > 20 || schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => deref(s, doc, depth + 1));
  const s = schema as JsonSchema;
  if (typeof s.$ref === 'string') {
    const target = s.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((o, k) => o?.[k], doc);
    return deref(target, doc, depth + 1);
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, deref(v, doc, depth + 1)]));
}

/** Every operation of the OpenAPI document, then the undocumented routes. */
export function operationsOf(doc: JsonSchema): Operation[] {
  const ops: Operation[] = [];
  for (const [p, item] of Object.entries<JsonSchema>(doc.paths)) {
    for (const [m, op] of Object.entries<JsonSchema>(item)) {
      const path = toFastify(p);
      const params = (op.parameters ?? []) as { in: string; name: string }[];
      const responses: Record<string, JsonSchema | undefined> = {};
      for (const [code, r] of Object.entries<JsonSchema>(op.responses ?? {})) {
        responses[code] = deref(r.content?.['application/json']?.schema, doc);
      }
      ops.push({
        method: m.toUpperCase(),
        path,
        pathParams: paramsOf(path),
        queryParams: params.filter((x) => x.in === 'query').map((x) => x.name),
        body: deref(op.requestBody?.content?.['application/json']?.schema, doc),
        responses,
        errorShape: errorShapeOf(path),
      });
    }
  }
  for (const u of UNDOCUMENTED) {
    ops.push({
      method: u.method,
      path: u.path,
      pathParams: paramsOf(u.path),
      queryParams: [],
      body: u.body,
      responses: {},
      undocumented: u.why,
      errorShape: errorShapeOf(u.path),
    });
  }
  return ops;
}

/** The routes Fastify serves (HEAD aside, which it adds for every GET), as "METHOD /path". */
export function servedRoutes(app: NestFastifyApplication): string[] {
  return registeredRoutes(app.getHttpAdapter().getInstance())
    .filter((r) => r.method !== 'HEAD')
    .map((r) => `${r.method} ${r.url}`)
    .sort();
}

export const routeKey = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;

/** The partner API: what partners call with their client credentials or bearer token. */
export const isPartnerRoute = (op: Pick<Operation, 'path'>) => /^\/(v1|oauth)\//.test(op.path);

/** The staff console's API: what the react-admin console calls with a staff session. */
export const isAdminRoute = (op: Pick<Operation, 'path'>) => op.path.startsWith('/admin/');

/** Partner routes whose 2xx is not JSON on purpose, so they have no response schema; each with the reason. */
export const PARTNER_NOT_JSON: Record<string, string> = {
  'GET /v1/persons/:person_id/documents/:id/file':
    "the document's bytes, in the content type sniffed at upload",
};

/** Admin routes whose 2xx is not JSON on purpose, so they have no response schema; each with the reason. */
export const ADMIN_NOT_JSON: Record<string, string> = {
  'GET /admin/audit-events/export.csv': 'the audit trail as CSV, for auditors',
  'GET /admin/documents/:id/file': "the document's bytes, in the content type sniffed at upload",
  'GET /admin/support/customers/:personId/evidence-pack': "the customer's evidence pack, a zip",
};

/**
 * Routes of one API (partner or admin) whose documented 2xx answers have no JSON schema (a 204 has no body,
 * so needs none), less those listed as not JSON. Empty when every answer of that API is validated.
 */
export function routesWithoutSchema(ops: Operation[], api: 'partner' | 'admin'): string[] {
  const [inApi, notJson] =
    api === 'partner' ? [isPartnerRoute, PARTNER_NOT_JSON] : [isAdminRoute, ADMIN_NOT_JSON];
  return ops
    .filter((op) => inApi(op) && !(routeKey(op) in notJson))
    .filter((op) => {
      const ok = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
      return ok.length === 0 || ok.some(([code, schema]) => code !== '204' && !schema);
    })
    .map(routeKey);
}
