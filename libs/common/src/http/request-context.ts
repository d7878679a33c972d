import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './solaris-exception.filter.js';
import { trackRoutes } from './method-not-allowed.js';
import { installTextGuard } from './text-guard.js';
import { runWithRequestId } from '../context/correlation.js';

const CONTEXT = Symbol('kycRequestContext');

const INCOMING_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Routes that take HTML-form or OAuth form bodies; every other route takes JSON only. */
const FORM_ROUTES = new Set([
  '/oauth/token',
  '/sandbox/idnow/go/:companyId/identifications/:txn/start',
  '/sandbox/idnow/go/:companyId/identifications/:txn/continue',
  '/sandbox/idnow/go/:companyId/identifications/:txn/code',
]);

/** Routes that take multipart/form-data: document uploads. */
const MULTIPART_ROUTES = new Set(['/v1/persons/:person_id/documents']);

const isMultipart = (req: FastifyRequest) =>
  String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('multipart/');

const isForm = (req: FastifyRequest) =>
  String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');

/** A caller's X-Request-Id is kept when it is safe to log; otherwise we make one. */
export function requestIdFor(header: unknown): string {
  return typeof header === 'string' && INCOMING_ID.test(header) ? header : randomUUID();
}

/**
 * Fastify-level plumbing shared by every app: request id echoed back, one access-log line per request
 * with the route pattern (never the query string, which can carry search terms), and Solaris-shaped
 * errors for everything Fastify rejects before Nest sees it (bad JSON, wrong content type, 413).
 */
export function installHttpBasics(fastify: FastifyInstance): void {
  trackRoutes(fastify);
  installRequestIdContext(fastify);
  installTextGuard(fastify);
  // Only JSON (and forms for /oauth/token) are accepted; plain text answers 415 like any other type.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    const route = req.routeOptions.url ?? '';
    if ((isForm(req) && !FORM_ROUTES.has(route)) || (isMultipart(req) && !MULTIPART_ROUTES.has(route))) {
      throw Object.assign(new Error('form body'), {
        statusCode: 415,
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      });
    }
  });
  fastify.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
}

/**
 * Everything done while handling a request runs with its id in the correlation context (Nest's logger
 * and the outbox read it). The body arrives on socket events outside that context, so the context is
 * captured at onRequest and restored before validation (as @fastify/request-context does).
 */
function installRequestIdContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, _reply, done) => {
    runWithRequestId(req.id, () => {
      (req as unknown as Record<symbol, AsyncResource>)[CONTEXT] = new AsyncResource('kyc-request');
      done();
    });
  });
  fastify.addHook('preValidation', (req, _reply, done) => {
    const resource = (req as unknown as Record<symbol, AsyncResource | undefined>)[CONTEXT];
    if (resource) resource.runInAsyncScope(done, req.raw);
    else done();
  });
}

/** Call after app.init(): Nest installs its own Fastify error handler during init, and the last one wins. */
export function installErrorHandler(fastify: FastifyInstance): void {
  fastify.setErrorHandler((err, req: FastifyRequest, reply) => sendError(req, reply, err));
}
