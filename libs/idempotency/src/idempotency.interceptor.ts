import type { AddressInfo } from 'node:net';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable, of } from 'rxjs';
import { authenticatedPartnerId } from '#kyc/auth';
import { recordCreatedResources } from '#kyc/common';
import { jsonBodyHash, readMultipartBodyHash } from './fingerprint.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import type { StoredReply } from './idempotency.repository.js';
import { IdempotencyService } from './idempotency.service.js';
import { setIdempotencyState } from './request-state.js';

/**
 * Every partner-authenticated POST with an `Idempotency-Key`: runs after the guards (so the partner is
 * known) and before the pipes and the handler. It claims the key (and asks the request's creates to record
 * what they made), or decides a replay that the onSend hook (idempotency-reply.hook.ts) answers byte for
 * byte, or rebuilds the reply of a claim that died after its create committed; 409 and 422 are thrown as
 * Solaris errors.
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
    const { claim } = outcome;
    if (outcome.kind === 'recover') {
      const reply = await rebuildCreatedReply(req, outcome.resourcePath);
      await this.idempotency.finish(claim, reply, claim.requestHash ?? (await readMultipartBodyHash(req)));
      setIdempotencyState(req, { replay: reply });
      return true;
    }
    setIdempotencyState(req, { claim });
    recordCreatedResources((tx, path) => this.idempotency.recordResource(tx, claim, path));
    return false;
  }
}

/**
 * The reply of a create whose process died after its commit: the created resource as the partner reads it
 * now (a GET to this api over loopback, with the request's credentials), with the create's 201 (every
 * partner create answers 201); a resource gone since answers as its read.
 */
async function rebuildCreatedReply(req: FastifyRequest, path: string): Promise<StoredReply> {
  const bound = req.server.server.address() as AddressInfo;
  const any: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };
  const host = any[bound.address] ?? bound.address;
  const read = await fetch(new URL(path, `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`), {
    headers: { authorization: req.headers.authorization ?? '' },
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: read.status === 200 ? 201 : read.status,
    contentType: read.headers.get('content-type'),
    body: Buffer.from(await read.arrayBuffer()),
  };
}
