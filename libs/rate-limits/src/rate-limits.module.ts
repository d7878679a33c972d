import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitInterceptor } from './rate-limit.interceptor.js';
import { RateLimiter } from './rate-limiter.service.js';
import { RateLimitsRepository } from './rate-limits.repository.js';

/** Rate limits of the partner API, the token endpoint and the IDnow callbacks (README, "Rate limits"). */
@Module({
  providers: [
    RateLimitsRepository,
    RateLimiter,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
  ],
  exports: [RateLimiter],
})
export class RateLimitsModule {}
