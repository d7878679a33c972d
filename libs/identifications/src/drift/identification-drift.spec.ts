import { describe, expect, it } from '@jest/globals';
import { OPEN_STATUSES, PROVIDER_SET_STATUSES } from './identification-drift.service.js';

describe('drift report statuses', () => {
  it('derives the open statuses from the state machine: a provider result can still arrive', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(
      ['aborted', 'canceled', 'pending', 'pending_failed', 'pending_successful'].sort(),
    );
  });

  it('expects the provider to list every open status but pending (our request sets that one)', () => {
    expect([...PROVIDER_SET_STATUSES].sort()).toEqual(
      ['aborted', 'canceled', 'pending_failed', 'pending_successful'].sort(),
    );
  });
});
