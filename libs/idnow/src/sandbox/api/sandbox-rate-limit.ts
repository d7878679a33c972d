import { Injectable } from '@nestjs/common';

/**
 * A switch to make the sandbox's result reads answer 429 as IDnow's rate limit would: after `allow` more
 * reads, every read gets 429 with `Retry-After: retryAfterSeconds` until cleared. Off by default; tests
 * (and a developer trying the missed-results job's back-off) turn it on in-process.
 */
@Injectable()
export class SandboxRateLimit {
  private limit: { remaining: number; retryAfterSeconds: number } | null = null;

  set(o: { allow: number; retryAfterSeconds: number }): void {
    this.limit = { remaining: o.allow, retryAfterSeconds: o.retryAfterSeconds };
  }

  clear(): void {
    this.limit = null;
  }

  /** Take one read: null when it may go ahead, else the seconds for Retry-After. */
  take(): number | null {
    if (!this.limit) return null;
    if (this.limit.remaining > 0) {
      this.limit.remaining--;
      return null;
    }
    return this.limit.retryAfterSeconds;
  }
}
