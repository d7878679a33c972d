import multipart from '@fastify/multipart';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import {
  type Clock,
  type Env,
  installErrorHandler,
  installHttpBasics,
  PinoNestLogger,
  requestIdFor,
  sendError,
  SolarisExceptionFilter,
  SolarisValidationPipe,
} from '#kyc/common';
import { multipartLimits } from '#kyc/documents';
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
    return503OnClosing: true,
    // Keep-alive sockets (the sandbox and the adapter talk to this same server) must not hold up shutdown.
    forceCloseConnections: true,
    // Bad URLs and over-long path parameters are rejected before routing; answer them in the Solaris shape too.
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => sendError(req, reply, err),
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
  serveConsole(adapter.getInstance());
  app.useGlobalFilters(new SolarisExceptionFilter());
  app.useGlobalPipes(new SolarisValidationPipe(true));
  mountApiDocs(app);
  await app.init();
  installErrorHandler(adapter.getInstance());
  return app;
}
