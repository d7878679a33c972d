import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyPurgeService } from './idempotency-purge.service.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IdempotencyService } from './idempotency.service.js';

/** The stored keys and their purge: for the worker's job as well as the api. */
@Module({
  providers: [IdempotencyRepository, IdempotencyPurgeService],
  exports: [IdempotencyRepository, IdempotencyPurgeService],
})
export class IdempotencyStoreModule {}

/**
 * Idempotency-Key on every partner POST (the api only): the global interceptor; the app installs the
 * onSend hook with `installIdempotencyReplies`.
 */
@Module({
  imports: [IdempotencyStoreModule],
  providers: [IdempotencyService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
