import { describe, expect, it } from '@jest/globals';
import { IdnowApiError } from './idnow-api.error.js';
import { isValidLoginToken, issueLoginToken, LOGIN_TOKEN_TTL_MS } from './login-token.js';
import { checkTransactionNumber, parseStartBody } from './start-request.js';

const causeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof IdnowApiError ? [e.status, e.idnowCause, e.key] : e;
  }
  return null;
};

describe(parseStartBody.name, () => {
  it('keeps the documented fields as sent and leaves nulls out', () => {
    expect(parseStartBody({ firstname: 'Jane', gender: 'female', custom5: 'x', title: null })).toEqual({
      firstname: 'Jane',
      gender: 'female',
      custom5: 'x',
    });
    expect(parseStartBody(undefined)).toEqual({});
  });

  it.each([
    [{ first_name: 'Jane' }, [400, 'UNRECOGNIZED_FIELD', 'first_name']],
    [{ birthday: '11.12.1992' }, [400, 'BAD_REQUEST', 'birthday']],
    [{ birthday: '1992-02-30' }, [400, 'BAD_REQUEST', 'birthday']],
    [{ gender: 'DIVERSE' }, [400, 'BAD_REQUEST', 'gender']],
    [{ country: 'DEU' }, [400, 'BAD_REQUEST', 'country']],
    [{ firstname: 42 }, [400, 'BAD_REQUEST', 'firstname']],
    [['a'], [400, 'UNPARSEABLE_JSON', null]],
  ])('refuses %j', (body, expected) => {
    expect(causeOf(() => parseStartBody(body))).toEqual(expected);
  });

  it('checks the transaction number alphabet', () => {
    expect(causeOf(() => checkTransactionNumber('abc-DEF_123'))).toBeNull();
    expect(causeOf(() => checkTransactionNumber('../x'))).toEqual([400, 'BAD_REQUEST', 'transactionnumber']);
  });
});

describe('login tokens', () => {
  const now = new Date('2026-03-02T09:00:00Z');

  it('are valid for an hour, for the key and company that issued them', () => {
    const token = issueLoginToken('key-1234567', 'kycdesk', now);
    expect(isValidLoginToken(token, 'key-1234567', 'kycdesk', now)).toBe(true);
    expect(
      isValidLoginToken(token, 'key-1234567', 'kycdesk', new Date(now.getTime() + LOGIN_TOKEN_TTL_MS)),
    ).toBe(false);
    expect(isValidLoginToken(token, 'other-key-123', 'kycdesk', now)).toBe(false);
    expect(isValidLoginToken(token, 'key-1234567', 'other', now)).toBe(false);
    expect(isValidLoginToken(undefined, 'key-1234567', 'kycdesk', now)).toBe(false);
  });
});
