import { describe, expect, it } from '@jest/globals';
import { decide } from './result-decision.js';

describe(decide.name, () => {
  it('moves along a legal transition', () => {
    expect(decide('pending', 'successful', true)).toBe('transition');
    expect(decide('pending_successful', 'canceled', false)).toBe('transition');
  });

  it('changes nothing for the same result told again', () => {
    expect(decide('successful', 'successful', false)).toBe('unchanged');
    expect(decide('aborted', 'aborted', false)).toBe('unchanged');
  });

  it('records a new attempt that ended the same way, unless the status is final', () => {
    expect(decide('aborted', 'aborted', true)).toBe('repeated');
    expect(decide('failed', 'failed', true)).toBe('unchanged');
  });

  it('flags a new result that contradicts a final status, once', () => {
    expect(decide('successful', 'failed', true)).toBe('contradiction');
    expect(decide('failed', 'successful', true)).toBe('contradiction');
    expect(decide('successful', 'failed', false)).toBe('ignored');
  });

  it('ignores a stale result for a status under review', () => {
    expect(decide('pending_successful', 'aborted', true)).toBe('ignored');
    expect(decide('pending_failed', 'pending', true)).toBe('ignored');
  });
});
