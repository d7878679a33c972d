import { describe, expect, it } from '@jest/globals';
import { FAILURE_CODES } from './failure-codes.js';
import { reidentificationPolicy } from './reidentification-policy.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const VALID = new Date('2026-12-01T00:00:00Z');
const EXPIRED = new Date('2026-11-20T00:00:00Z');

describe('re-identification policy', () => {
  it('keeps the url of an aborted or canceled identification while it is valid', () => {
    for (const status of ['aborted', 'canceled'] as const) {
      expect(
        reidentificationPolicy({ status, failureReason: 'TECH_LIGHTING', urlExpiresAt: VALID }, NOW).mode,
      ).toBe('same_url');
    }
  });

  it('creates a new identification once the url expired, or for an expired one', () => {
    expect(
      reidentificationPolicy({ status: 'canceled', failureReason: 'TECH_PHOTO', urlExpiresAt: EXPIRED }, NOW)
        .mode,
    ).toBe('new_identification');
    expect(
      reidentificationPolicy({ status: 'expired', failureReason: null, urlExpiresAt: EXPIRED }, NOW).mode,
    ).toBe('new_identification');
  });

  it('blocks failed identifications and every permanent reason of the catalog', () => {
    const failed = reidentificationPolicy(
      { status: 'failed', failureReason: null, urlExpiresAt: VALID },
      NOW,
    );
    expect(failed).toMatchObject({ mode: 'blocked', override_mode: 'new_identification' });
    const permanent = FAILURE_CODES.filter((c) => c.permanent).map((c) => c.code);
    expect(permanent.sort()).toStrictEqual(
      [
        'DATA_APPLICATION_ADDRESS',
        'DATA_APPLICATION_DATA',
        'ENROLLED_TO_WAITING_LIST',
        'USER_LANGUAGE',
        'INDECENT_BEHAVIOUR',
        'OTHER_MISCELLANEOUS_PERMANENT',
      ].sort(),
    );
    for (const code of permanent) {
      const p = reidentificationPolicy({ status: 'aborted', failureReason: code, urlExpiresAt: VALID }, NOW);
      expect(p).toMatchObject({ mode: 'blocked', override_mode: 'same_url' });
      expect(p.explanation).toContain(code);
    }
  });

  it('does not apply to identifications still in progress or successful', () => {
    for (const status of [
      'created',
      'pending',
      'pending_successful',
      'pending_failed',
      'successful',
    ] as const) {
      expect(reidentificationPolicy({ status, failureReason: null, urlExpiresAt: VALID }, NOW).mode).toBe(
        'not_applicable',
      );
    }
  });
});
