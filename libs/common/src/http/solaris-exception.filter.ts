import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logAnsweredError } from '../errors/error-log.js';
import { renderError } from '../errors/solaris-error-body.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** The one place where every exception thrown in a Nest handler becomes a Solaris error body. */
@Catch()
export class SolarisExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    sendError(req, reply, exception);
  }
}

export function sendError(req: FastifyRequest, reply: FastifyReply, exception: unknown): void {
  let cause = exception;
  if (exception instanceof NotFoundException && methodNotAllowed(req)) {
    cause = { statusCode: HttpStatus.METHOD_NOT_ALLOWED };
  }
  const rendered = renderError(cause);
  logAnsweredError(req.log, rendered, exception);
  if (reply.sent) return;
  void reply
    .status(rendered.status)
    .headers({ ...rendered.headers, 'content-type': 'application/json; charset=utf-8' })
    .send(rendered.body);
}
