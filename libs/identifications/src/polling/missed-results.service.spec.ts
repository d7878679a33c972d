import { describe, expect, it } from '@jest/globals';
import { canTransition, RETRYABLE_STATUSES } from '../rules/state-machine.js';
import { POLLED_STATUSES } from './missed-results.service.js';

describe('POLLED_STATUSES', () => {
  it('are the statuses waiting for the provider: the call, or its review', () => {
    expect([...POLLED_STATUSES].sort()).toEqual(['pending', 'pending_failed', 'pending_successful']);
  });

  it('leave out what waits for the customer and what is settled', () => {
    for (const s of RETRYABLE_STATUSES) expect(POLLED_STATUSES).not.toContain(s);
    for (const s of ['created', 'successful', 'failed', 'expired'] as const)
      expect(POLLED_STATUSES).not.toContain(s);
    for (const s of POLLED_STATUSES) expect(canTransition(s, 'successful')).toBe(true);
  });
});
