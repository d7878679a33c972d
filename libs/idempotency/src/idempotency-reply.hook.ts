import type { FastifyInstance } from 'fastify';
import { REPLAYED_HEADER } from './idempotency-key.js';
import type { IdempotencyService } from './idempotency.service.js';
import { idempotencyStateOf } from './request-state.js';

/**
 * Fastify's onSend sees the serialized reply (a Nest interceptor does not): it sends a replay's stored
 * bytes, and stores a claimed request's reply (success or error) before it leaves, so any reply a client
 * received can be replayed. Install before app.init().
 */
export function installIdempotencyReplies(fastify: FastifyInstance, idempotency: IdempotencyService): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    const state = idempotencyStateOf(req);
    if (!state || state.finished) return payload;
    state.finished = true;
    if (state.replay) {
      const stored = state.replay;
      void reply.code(stored.status).header(REPLAYED_HEADER, 'true');
      if (stored.contentType) void reply.header('content-type', stored.contentType);
      else void reply.removeHeader('content-type');
      return stored.body;
    }
    if (!state.claim) return payload;
    try {
      if (typeof payload === 'string' || Buffer.isBuffer(payload) || payload == null) {
        const contentType = reply.getHeader('content-type');
        await idempotency.finish(
          state.claim,
          {
            status: reply.statusCode,
            contentType: typeof contentType === 'string' ? contentType : null,
            body: payload == null ? Buffer.alloc(0) : Buffer.from(payload),
          },
          state.bodyHash,
        );
      } else {
        await idempotency.release(state.claim);
      }
    } catch (error) {
      // The reply is already decided; the claim's lease frees the key if it could not be stored.
      req.log.error({ err: (error as Error).name }, 'could not store the idempotent reply');
    }
    return payload;
  });
}
