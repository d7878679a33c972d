import { describe, expect, it } from '@jest/globals';
import {
  FAILURE_CODES,
  FAILURE_GUIDANCE,
  type FailureCodeName,
  IDENTIFICATION_STATUSES,
} from '#kyc/identifications';
import { canRetryNow, customerReason, eventWords, nextStep, retryOf, stateWords } from './customer-words.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const VALID = new Date('2026-12-05T10:00:00Z');
const EXPIRED = new Date('2026-11-20T10:00:00Z');
const URL = 'https://go.test.idnow.de/x';
const at = (
  status: (typeof IDENTIFICATION_STATUSES)[number],
  reason: string | null,
  expires: Date | null,
) => ({
  status,
  failureReason: reason,
  url: expires ? URL : null,
  urlExpiresAt: expires,
});

describe('customer words', () => {
  it('offers the same link only for pending, aborted and canceled while it is valid', () => {
    for (const status of IDENTIFICATION_STATUSES) {
      const r = retryOf(at(status, 'TECH_LIGHTING', VALID), NOW);
      const same = ['pending', 'aborted', 'canceled'].includes(status);
      expect({ status, how: r.how, url: r.url }).toStrictEqual({
        status,
        how: same ? 'same_link' : status === 'expired' ? 'new_link' : 'none',
        url: same ? URL : null,
      });
      expect(canRetryNow(at(status, 'TECH_LIGHTING', VALID), NOW)).toBe(same);
    }
  });

  it('promises a new link once the url expired, and none for a permanent reason', () => {
    expect(retryOf(at('canceled', 'TECH_PHOTO', EXPIRED), NOW)).toStrictEqual({
      how: 'new_link',
      url: null,
      url_expires_at: EXPIRED.toISOString(),
    });
    expect(retryOf(at('aborted', 'USER_LANGUAGE', VALID), NOW).how).toBe('none');
    expect(nextStep(at('aborted', 'USER_LANGUAGE', VALID), NOW)).toStrictEqual({
      en: FAILURE_GUIDANCE.USER_LANGUAGE.customer.en.nextStep,
      de: FAILURE_GUIDANCE.USER_LANGUAGE.customer.de.nextStep,
    });
  });

  it('gives a reason for aborted and canceled only, from the customer guidance, never a fraud code', () => {
    for (const { code } of FAILURE_CODES) {
      for (const status of IDENTIFICATION_STATUSES) {
        const reason = customerReason({ status, failureReason: code });
        if (status !== 'aborted' && status !== 'canceled') {
          expect({ status, code, reason }).toStrictEqual({ status, code, reason: null });
          continue;
        }
        const g = FAILURE_GUIDANCE[code as FailureCodeName].customer;
        expect(reason).toStrictEqual({
          code: code === 'NO_ESIGN_FRAUD' ? null : code,
          what_happened: { en: g.en.whatHappened, de: g.de.whatHappened },
          next_step: { en: g.en.nextStep, de: g.de.nextStep },
        });
      }
    }
  });

  it('words pending_successful and pending_failed alike, and failed without any reason', () => {
    for (const { code } of FAILURE_CODES) {
      expect(stateWords(at('pending_failed', code, VALID))).toStrictEqual(
        stateWords(at('pending_successful', null, VALID)),
      );
      expect(stateWords(at('failed', code, VALID))).toStrictEqual(stateWords(at('failed', null, null)));
      expect(nextStep(at('failed', code, VALID), NOW)).toStrictEqual(nextStep(at('failed', null, null), NOW));
    }
  });

  it('tells the timeline in customer terms and leaves internal entries out', () => {
    expect(eventWords('transition', 'aborted')).toStrictEqual({
      en: 'Video call interrupted',
      de: 'Videoanruf unterbrochen',
    });
    expect(eventWords('link_resent', 'pending')?.en).toBe('Link sent again');
    expect(eventWords('contradiction', 'failed')).toBeNull();
    expect(eventWords('review', 'successful')).toBeNull();
  });
});
