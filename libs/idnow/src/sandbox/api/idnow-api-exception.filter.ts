import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '#kyc/common';
import type { FastifyReply } from 'fastify';
import { IdnowApiError, type IdnowErrorCause } from './idnow-api.error.js';

const CAUSE_BY_STATUS: Record<number, IdnowErrorCause> = {
  400: 'BAD_REQUEST',
  401: 'INVALID_LOGIN_TOKEN',
  404: 'OBJECT_NOT_FOUND',
  409: 'EXISTING_IDENTIFICATION',
  412: 'PRECONDITION_FAILED',
};

/**
 * Controller-scoped: the sandbox's IDnow API answers errors as IDnow does, not in the app's Solaris shape.
 * Anything unexpected is a 500 INTERNAL_SERVER_ERROR with its cause logged (never the request body).
 */
@Catch()
export class IdnowApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('IdnowSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toIdnowError(exception);
    if (error.status >= 500) {
      // Name, SQLSTATE and stack frames only: error messages can quote values, i.e. personal data.
      const e = exception as { name?: string; stack?: string; driverError?: { code?: string } } | null;
      const sqlState = e?.driverError?.code ? ` (SQLSTATE ${e.driverError.code})` : '';
      const frames = (e?.stack ?? '').split('\n').slice(1, 8).join('\n');
      this.log.error(`sandbox IDnow API failed: ${e?.name ?? typeof exception}${sqlState}`, frames);
    }
    if (reply.sent) return;
    void reply
      .status(error.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(error.body());
  }
}

function toIdnowError(exception: unknown): IdnowApiError {
  if (exception instanceof IdnowApiError) return exception;
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : exception instanceof DomainError
        ? exception.status
        : 0;
  const cause = CAUSE_BY_STATUS[status];
  if (cause) return new IdnowApiError(cause);
  return new IdnowApiError('INTERNAL_SERVER_ERROR');
}
