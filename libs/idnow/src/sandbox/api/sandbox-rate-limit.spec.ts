import { describe, expect, it } from '@jest/globals';
import { SandboxRateLimit } from './sandbox-rate-limit.js';

describe(SandboxRateLimit.name, () => {
  it('lets every read through until switched on, then `allow` more, then answers Retry-After until cleared', () => {
    const limit = new SandboxRateLimit();
    expect(limit.take()).toBeNull();
    limit.set({ allow: 2, retryAfterSeconds: 30 });
    expect([limit.take(), limit.take(), limit.take(), limit.take()]).toEqual([null, null, 30, 30]);
    limit.clear();
    expect(limit.take()).toBeNull();
  });
});
