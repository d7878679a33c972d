import { describe, expect, it } from '@jest/globals';
import { EXPIRABLE_STATUSES } from './link-expiry.service.js';

describe('EXPIRABLE_STATUSES', () => {
  it('are the statuses the state machine lets expire, as the partial index identifications_expiring_idx lists them', () => {
    // Changing the state machine's expiries needs a migration of that index's predicate too.
    expect(EXPIRABLE_STATUSES).toEqual(['pending', 'aborted', 'canceled']);
  });
});
