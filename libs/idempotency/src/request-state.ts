import type { FastifyRequest } from 'fastify';
import { type MultipartEntry, multipartBodyHash } from './fingerprint.js';
import type { StoredReply } from './idempotency.repository.js';
import type { Claim } from './idempotency.service.js';

/** What the interceptor decided for a request, read by the onSend hook. */
export interface IdempotencyState {
  /** This request owns the key: its reply is stored (or the key released) in onSend. */
  claim?: Claim;
  /** The key's first reply, sent instead of running the handler. */
  replay?: StoredReply;
  /** An upload's body digest, reported by the code that read the stream. */
  bodyHash?: string;
  finished?: boolean;
}

const STATE = Symbol('idempotency');
type WithState = FastifyRequest & { [STATE]?: IdempotencyState };

export const idempotencyStateOf = (req: FastifyRequest): IdempotencyState | undefined =>
  (req as WithState)[STATE];

export function setIdempotencyState(req: FastifyRequest, state: IdempotencyState): void {
  (req as WithState)[STATE] = state;
}

/**
 * Called by a route that streams a multipart body (document uploads) once it has read the whole form: the
 * key's fingerprint then covers the fields and the files' content, computed as `readMultipartBodyHash` does.
 */
export function reportMultipartBody(req: FastifyRequest, entries: MultipartEntry[]): void {
  const state = idempotencyStateOf(req);
  if (state?.claim) state.bodyHash = multipartBodyHash(entries);
}
