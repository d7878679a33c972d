import multipart from '@fastify/multipart';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import {
  answerClientError,
  type Clock,
  type Env,
  hstsMaxAge,
  installCors,
  installErrorHandler,
  installHttpBasics,
  installSecurityHeaders,
  parseAllowedOrigins,
  PinoNestLogger,
  requestIdFor,
  sendError,
  SolarisExceptionFilter,
  SolarisValidationPipe,
  trustProxyOption,
} from '#kyc/common';
import { statementTimeoutHook } from '#kyc/database';
import { multipartLimits } from '#kyc/documents';
import { IdempotencyService, installIdempotencyReplies } from '#kyc/idempotency';
import { installHttpMetrics, MetricsRegistry } from '#kyc/metrics';
import { mountApiDocs } from './api-docs.js';
import { AppModule } from './app.module.js';
import { serveConsole } from './console/serve-console.js';

/** Build the api on a database URL; used by main.ts, the CLI and the tests alike. */
export async function createApp(
  env: Env,
  databaseUrl: string,
  logger: Logger,
  clock?: Clock,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: env.BODY_LIMIT_BYTES,
    genReqId: (req: { headers: Record<string, unknown> }) => requestIdFor(req.headers['x-request-id']),
    // The client's address behind the load balancers named in TRUST_PROXY (audit trail, per-IP limits).
    trustProxy: trustProxyOption(env.TRUST_PROXY),
    return503OnClosing: true,
    // Keep-alive sockets (the sandbox and the adapter talk to this same server) must not hold up shutdown.
    forceCloseConnections: true,
    // Bad URLs and over-long path parameters are rejected before routing; answer them in the Solaris shape too.
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => sendError(req, reply, err),
    // Requests Node's parser refuses (headers or URL too large, malformed) are answered in the Solaris shape too.
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, databaseUrl, clock),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      bufferLogs: false,
    },
  );
  // Document uploads stream through this parser; the request hook admits multipart on their route only.
  await app.register(multipart, { limits: multipartLimits(env.DOCUMENT_MAX_BYTES) });
  installHttpBasics(adapter.getInstance());
  // A request's statements stop after DB_STATEMENT_TIMEOUT_MS (503); jobs and migrations have no limit.
  if (env.DB_STATEMENT_TIMEOUT_MS > 0) {
    adapter.getInstance().addHook('preHandler', statementTimeoutHook(env.DB_STATEMENT_TIMEOUT_MS));
  }
  installHttpMetrics(adapter.getInstance(), app.get(MetricsRegistry));
  installSecurityHeaders(adapter.getInstance(), {
    hstsMaxAgeSeconds: hstsMaxAge(env.PUBLIC_URL, env.HSTS_MAX_AGE_SECONDS),
  });
  installCors(adapter.getInstance(), parseAllowedOrigins(env.CORS_ALLOWED_ORIGINS));
  serveConsole(adapter.getInstance());
  // Replays and stored replies of partner POSTs with an Idempotency-Key, on the serialized bytes.
  installIdempotencyReplies(adapter.getInstance(), app.get(IdempotencyService));
  app.useGlobalFilters(new SolarisExceptionFilter());
  app.useGlobalPipes(new SolarisValidationPipe(true));
  mountApiDocs(app);
  await app.init();
  installErrorHandler(adapter.getInstance());
  return app;
}
