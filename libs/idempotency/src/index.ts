export * from './idempotency.module.js';
export { IdempotencyService } from './idempotency.service.js';
export { IdempotencyPurgeService } from './idempotency-purge.service.js';
export { installIdempotencyReplies } from './idempotency-reply.hook.js';
export { reportMultipartBody } from './request-state.js';
export { type MultipartEntry, canonicalJson, jsonBodyHash, multipartBodyHash } from './fingerprint.js';
export { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency-key.js';
