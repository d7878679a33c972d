import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { TokenOwner } from '#kyc/auth';
import { TooManyRequestsError } from '#kyc/common';
import { RateLimiter } from './rate-limiter.service.js';
import { bucketsFor, tokenClientId } from './route-classes.js';

/**
 * Global, so it runs after the guards: a /v1 request is counted against its partner client once the
 * bearer token was checked (a rejected token costs nothing here). Limited routes answer the RateLimit-*
 * headers on every response, and 429 with Retry-After above the limit.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiter: RateLimiter) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (ctx.getType() !== 'http') return next.handle();
    const http = ctx.switchToHttp();
    const req = http.getRequest<FastifyRequest & { partner?: TokenOwner }>();
    const route = req.routeOptions.url ?? '';
    const decision = await this.limiter.check(
      bucketsFor({
        method: req.method,
        route,
        ip: req.ip,
        partnerClientId: req.partner?.clientId,
        tokenClientId:
          route === '/oauth/token' ? tokenClientId(req.headers.authorization, req.body) : undefined,
      }),
    );
    if (decision) {
      void http.getResponse<FastifyReply>().headers({
        'ratelimit-limit': String(decision.limit),
        'ratelimit-remaining': String(decision.remaining),
        'ratelimit-reset': String(decision.resetSeconds),
      });
      if (decision.limited) {
        throw new TooManyRequestsError(
          `Rate limit exceeded: at most ${decision.limit} requests per ${this.limiter.windowSeconds} s for this client and kind of request. Retry after ${decision.resetSeconds} s.`,
          decision.resetSeconds,
        );
      }
    }
    return next.handle();
  }
}
