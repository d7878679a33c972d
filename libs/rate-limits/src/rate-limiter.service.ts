import { Injectable, Logger } from '@nestjs/common';
import { Clock, Env } from '#kyc/common';
import type { BucketKey, RouteClass } from './route-classes.js';
import { RateLimitsRepository } from './rate-limits.repository.js';

/** What the RateLimit-* headers say: the most constrained counter of the request. */
export interface RateLimitDecision {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the counters start again. */
  resetSeconds: number;
  limited: boolean;
}

/** Counters of windows older than this many are deleted, at most this many rows at a time. */
const PURGE_BATCH = 10_000;

/**
 * Fixed-window counters in PostgreSQL, shared by every api process. A request that cannot be counted
 * (the database call failed) is let through with a warning: the limits protect the service, they must
 * not take it down.
 */
@Injectable()
export class RateLimiter {
  private readonly log = new Logger(RateLimiter.name);
  private readonly windowMs: number;
  private readonly limits: Record<RouteClass, number>;
  private nextPurge = 0;

  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
    private readonly counters: RateLimitsRepository,
  ) {
    this.windowMs = env.RATE_LIMIT_WINDOW_SECONDS * 1000;
    this.limits = {
      write: env.RATE_LIMIT_WRITE_PER_WINDOW,
      read: env.RATE_LIMIT_READ_PER_WINDOW,
      token: env.RATE_LIMIT_TOKEN_PER_WINDOW,
      token_ip: env.RATE_LIMIT_TOKEN_IP_PER_WINDOW,
      callback: env.RATE_LIMIT_CALLBACK_PER_WINDOW,
    };
  }

  get windowSeconds(): number {
    return this.env.RATE_LIMIT_WINDOW_SECONDS;
  }

  /** Count the request; undefined when it has no limit, limits are off or the counters failed. */
  async check(keys: BucketKey[]): Promise<RateLimitDecision | undefined> {
    if (this.env.RATE_LIMITS_ENABLED !== 'true' || !keys.length) return undefined;
    const now = this.clock.now().getTime();
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    let hits: Map<string, number>;
    try {
      hits = await this.counters.hit(
        new Date(start),
        keys.map((k) => k.key),
      );
    } catch (e) {
      this.log.warn(`rate-limit counters unavailable, request let through (${describe(e)})`);
      return undefined;
    }
    this.purgeOldWindows(start);
    const resetSeconds = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    return keys
      .map((k): RateLimitDecision => {
        const limit = this.limits[k.cls];
        const used = hits.get(k.key) ?? 0;
        return { limit, remaining: Math.max(0, limit - used), resetSeconds, limited: used > limit };
      })
      .reduce((a, b) => (a.limited !== b.limited ? (a.limited ? a : b) : a.remaining <= b.remaining ? a : b));
  }

  /** Once per window and process, in the background: drop counters of windows before the last one. */
  private purgeOldWindows(start: number): void {
    if (start < this.nextPurge) return;
    this.nextPurge = start + this.windowMs;
    this.counters
      .purge(new Date(start - this.windowMs), PURGE_BATCH)
      .catch((e: unknown) => this.log.warn(`rate-limit purge failed (${describe(e)})`));
  }
}

/** An error's name and SQLSTATE only: database messages can carry values. */
function describe(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown };
  return [err?.name, typeof err?.code === 'string' ? `SQLSTATE ${err.code}` : undefined]
    .filter(Boolean)
    .join(', ');
}
