import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from '../context/correlation.js';

/**
 * One JSON logger for the process. Nothing personal is ever passed to it; as a second line of defence
 * the usual carriers of personal data are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kyc-backoffice' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.first_name',
          '*.last_name',
          '*.birth_date',
          '*.email',
          '*.mobile_number',
          '*.address',
          'body',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** The line's fields: the Nest context and, while a request or job is handled, its request id. */
function fields(context?: string, extra?: object) {
  const requestId = currentRequestId();
  return requestId ? { context, requestId, ...extra } : { context, ...extra };
}

/**
 * Nest's own log lines (start-up, route mapping) and every service's `Logger` go through the same JSON
 * logger, with the request id of the request (or job run) they are written for, like `req.log`'s lines.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info(fields(context), String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error(fields(context, { trace }), String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn(fields(context), String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug(fields(context), String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace(fields(context), String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal(fields(context), String(message));
  }
}
