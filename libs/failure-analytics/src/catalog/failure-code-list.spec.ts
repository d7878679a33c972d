import { describe, expect, it } from '@jest/globals';
import { NotFoundError, parseListQuery, ValidationError } from '#kyc/common';
import { FAILURE_CODE_LIST, getFailureCode, listFailureCodes } from './failure-code-list.js';

const list = (query: Record<string, unknown>) =>
  listFailureCodes(parseListQuery({ range: '[0,99]', ...query }, FAILURE_CODE_LIST));
const filter = (f: Record<string, unknown>) => list({ filter: JSON.stringify(f) });
const codes = (r: { rows: { code: string }[] }) => r.rows.map((row) => row.code);

describe(listFailureCodes.name, () => {
  it('answers the whole catalog sorted by code, each row with its guidance', () => {
    const all = list({});
    expect(all.total).toBe(59);
    expect(codes(all)).toEqual([...codes(all)].sort());
    expect(all.rows.find((r) => r.code === 'TECH_LIGHTING')).toEqual({
      id: 'TECH_LIGHTING',
      code: 'TECH_LIGHTING',
      category: 'Technical',
      description: 'Poor lighting. Person or ID document not sufficiently visible.',
      permanent: false,
      caused_by_user: 'yes',
      retry: 'after_fix',
      guidance: {
        staff: {
          en: { what_happened: expect.any(String), next_step: expect.any(String) },
          de: { what_happened: expect.any(String), next_step: expect.any(String) },
        },
        customer: {
          en: { what_happened: expect.any(String), next_step: expect.any(String) },
          de: {
            what_happened:
              'Die Beleuchtung reichte nicht aus, um Sie oder Ihr Ausweisdokument deutlich zu erkennen.',
            next_step: expect.any(String),
          },
        },
      },
    });
  });

  it('filters by category, permanent and caused_by_user, together', () => {
    expect(filter({ category: 'DATA' }).total).toBe(3);
    expect(codes(filter({ permanent: true }))).toEqual([
      'DATA_APPLICATION_ADDRESS',
      'DATA_APPLICATION_DATA',
      'ENROLLED_TO_WAITING_LIST',
      'INDECENT_BEHAVIOUR',
      'OTHER_MISCELLANEOUS_PERMANENT',
      'USER_LANGUAGE',
    ]);
    expect(filter({ permanent: false }).total).toBe(53);
    expect(filter({ caused_by_user: 'no' }).total).toBe(4);
    expect(filter({ caused_by_user: 'unknown' }).total).toBe(6);
    expect(codes(filter({ category: 'Other', permanent: true, caused_by_user: 'unknown' }))).toEqual([
      'OTHER_MISCELLANEOUS_PERMANENT',
    ]);
    expect(filter({ category: 'User', caused_by_user: 'unknown' })).toEqual({ rows: [], total: 0 });
  });

  it('searches code and description, ignoring case', () => {
    expect(codes(filter({ q: 'lighting' }))).toEqual(['TECH_LIGHTING']);
    expect(codes(filter({ q: 'DISTURABCE' }))).toEqual(['BAD_AUDIO_ENVIRONMENT']);
    expect(codes(filter({ q: 'esign' }))).toEqual([
      'INCORRECT_NAME_IN_QES',
      'NO_ESIGN_FRAUD',
      'WRONG_PHONE_NUMBER',
    ]);
    expect(filter({ q: 'nothing like this' }).total).toBe(0);
  });

  it('finds the codes react-admin asks for by id', () => {
    expect(codes(filter({ id: ['USER_LANGUAGE', 'TECH_VIDEO', 'NOT_A_CODE'] }))).toEqual([
      'TECH_VIDEO',
      'USER_LANGUAGE',
    ]);
  });

  it('sorts by category, then code, either way', () => {
    const asc = codes(list({ sort: '["category","ASC"]' }));
    expect(asc.slice(0, 4)).toEqual([
      'DATA_APPLICATION_ADDRESS',
      'DATA_APPLICATION_DATA',
      'DATA_ID_EXPIRED',
      'CALL_QUALITY_FAIL',
    ]);
    expect(asc.at(-1)).toBe('WRONG_PHONE_NUMBER');
    expect(codes(list({ sort: '["category","DESC"]' })).slice(0, 2)).toEqual([
      'DISAGREE_WITH_VIDEO_RECORDING',
      'ENROLLED_TO_WAITING_LIST',
    ]);
    expect(codes(list({ sort: '["code","DESC"]' }))[0]).toBe('WRONG_PHONE_NUMBER');
  });

  it('pages with the total of all matches', () => {
    const page = list({ range: '[10,19]' });
    expect(page.total).toBe(59);
    expect(codes(page)).toEqual(codes(list({})).slice(10, 20));
  });

  it('rejects an unknown filter, a bad value and an unsortable field', () => {
    expect(() => filter({ status: 'failed' })).toThrow(ValidationError);
    expect(() => filter({ category: 'Data' })).toThrow(ValidationError);
    expect(() => filter({ permanent: 'yes' })).toThrow(ValidationError);
    expect(() => filter({ caused_by_user: '-' })).toThrow(ValidationError);
    expect(() => list({ sort: '["description","ASC"]' })).toThrow(ValidationError);
  });
});

describe(getFailureCode.name, () => {
  it('answers one code, and 404 for anything else', () => {
    expect(getFailureCode('USER_LANGUAGE')).toMatchObject({ permanent: true, retry: 'no' });
    expect(() => getFailureCode('user_language')).toThrow(NotFoundError);
    expect(() => getFailureCode('FRAUD_SUSPICION_PENDING')).toThrow(NotFoundError);
  });
});
