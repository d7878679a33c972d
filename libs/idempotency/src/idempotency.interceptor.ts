import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable, of } from 'rxjs';
import { authenticatedPartnerId } from '#kyc/auth';
import { jsonBodyHash, readMultipartBodyHash } from './fingerprint.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { IdempotencyService } from './idempotency.service.js';
import { setIdempotencyState } from './request-state.js';

/**
 * Every partner-authenticated POST with an `Idempotency-Key`: runs after the guards (so the partner is
 * known) and before the pipes and the handler. It claims the key, or decides a replay that the onSend hook
 * (idempotency-reply.hook.ts) answers byte for byte; 409 and 422 are thrown as Solaris errors.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const partnerId = authenticatedPartnerId(req);
    if (req.method !== 'POST' || partnerId === undefined) return next.handle();
    return from(this.begin(req, partnerId)).pipe(
      mergeMap((replay) => (replay ? of(undefined) : next.handle())),
    );
  }

  /** True when the handler must not run: the stored reply is sent instead. */
  private async begin(req: FastifyRequest, partnerId: string): Promise<boolean> {
    const key = idempotencyKeyOf(req.headers);
    if (key === undefined) return false;
    const upload = req.isMultipart();
    const outcome = await this.idempotency.begin(
      partnerId,
      key,
      {
        method: req.method,
        path: req.url.split('?')[0] ?? req.url,
        requestHash: upload ? null : jsonBodyHash(req.body),
      },
      () => readMultipartBodyHash(req),
    );
    if (outcome.kind === 'replay') {
      setIdempotencyState(req, { replay: outcome.reply });
      return true;
    }
    setIdempotencyState(req, { claim: outcome.claim });
    return false;
  }
}
