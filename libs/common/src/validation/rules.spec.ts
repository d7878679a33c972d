import { describe, expect, it } from '@jest/globals';
import { e164, isoCountry, isoDate, parseIsoDate, pastDate, solarisName, utcTimestamp } from './rules.js';

describe(solarisName.name, () => {
  const realNames = [
    'Jane',
    'Zoë',
    'Ørsted',
    'Nguyễn',
    'Nguye\u0302\u0303n', // the same name decomposed (NFD): base letter plus combining marks
    'Łukasz',
    "O'Brien",
    'O’Brien',
    'Anna-Lena',
    'J. R.',
    'Müller-Lüdenscheidt',
    'Jean Paul',
    'Иван Петров',
    'Αλέξανδρος',
    'محمد',
    'عبد الله',
    '王小明',
    '山田太郎',
    '김민준',
    'X-MANUALTEST-HAPPYPATH',
    'X-AUTOTEST-CHANGEALL',
    'Jane ', // trailing whitespace is not forbidden by the seed's rules
  ];

  it.each(realNames)('accepts the real name %p', (name) => {
    expect(solarisName(name)).toBeNull();
  });

  it('accepts exactly 50 characters and rejects 51', () => {
    expect(solarisName('a'.repeat(50))).toBeNull();
    expect(solarisName('a'.repeat(51))).toBe('must not be longer than 50 characters');
  });

  it('counts characters as code points, not UTF-16 units', () => {
    // Each of these letters is outside the BMP (two UTF-16 units) but one character.
    const cjkExtB = '𠀀'.repeat(50);
    expect(cjkExtB.length).toBe(100);
    expect(solarisName(cjkExtB)).toBeNull();
    expect(solarisName('𠀀'.repeat(51))).toBe('must not be longer than 50 characters');
    expect(solarisName('ü'.repeat(50))).toBeNull();
  });

  it.each([' Jane', '\tJane', '\u00a0Jane', ' Jane Doe'])('rejects the leading whitespace of %p', (name) => {
    expect(solarisName(name)).toBe('must not start with a whitespace');
  });

  it.each(['', ' ', '   ', '\t'])('rejects the blank value %p', (name) => {
    expect(solarisName(name)).toBe('must not be blank');
  });

  it.each([
    'Jane😀',
    '😀',
    'Jane👍🏽',
    'Jane🇩🇪',
    'Jane❤',
    'Jane$',
    'Jane@Doe',
    'Jane_Doe',
    'Jane!',
    'Jane&John',
    'Jane/Doe',
    'Jane#',
    'Jane©',
    'Jane™',
    'Jane∑',
    'Jane<script>',
    'Jane,Doe',
    'Jane(Doe)',
    'Jane\u200bDoe', // zero-width space
    'Jane\nDoe',
  ])('rejects the symbol or emoji in %p', (name) => {
    expect(solarisName(name)).toBe('must not include any symbols or emojis');
  });

  it.each(['Jane2', '007', 'Jane Doe 3rd', 'Jane٣'])('rejects the digits in %p', (name) => {
    expect(solarisName(name)).toBe('must not include any symbols or emojis');
  });

  it.each(["'", '-', '. -', "'-."])('rejects %p, which holds no letter at all', (name) => {
    expect(solarisName(name)).toBe('must not include any symbols or emojis');
  });

  it.each([42, null, undefined, true, ['Jane'], { name: 'Jane' }])('rejects the non-string %p', (value) => {
    expect(solarisName(value)).toBe('must be a string');
  });
});

describe(isoCountry.name, () => {
  it.each(['DE', 'FR', 'GB', 'US', 'AT', 'CH', 'NL'])('accepts %p', (code) => {
    expect(isoCountry(code)).toBeNull();
  });

  it.each(['XX', 'de', 'De', 'DEU', 'D', '', 'UK', 'EU', ' DE', 'DE ', 42, null, undefined])(
    'rejects %p',
    (code) => {
      expect(isoCountry(code)).toBe('must be an ISO 3166-1 alpha-2 country code such as DE');
    },
  );
});

describe(parseIsoDate.name, () => {
  it('returns the UTC midnight of a real date', () => {
    expect(parseIsoDate('1992-12-11')?.toISOString()).toBe('1992-12-11T00:00:00.000Z');
  });

  it.each(['2024-02-29', '2000-02-29', '1996-02-29', '2023-12-31', '2023-01-01'])(
    'accepts the existing date %p',
    (d) => {
      expect(parseIsoDate(d)?.toISOString().slice(0, 10)).toBe(d);
    },
  );

  it.each([
    '2023-02-30',
    '2023-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2100-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-1-5',
    '23-01-05',
    '2023/01/05',
    '05.01.2023',
    '2023-01-05T00:00:00Z',
    ' 2023-01-05',
    '',
  ])('rejects %p', (d) => {
    expect(parseIsoDate(d)).toBeNull();
  });

  it.each([20230105, null, undefined, new Date('2023-01-05')])('rejects the non-string %p', (v) => {
    expect(parseIsoDate(v)).toBeNull();
  });
});

describe(isoDate.name, () => {
  it('accepts a real date and a leap day', () => {
    expect(isoDate('1992-12-11')).toBeNull();
    expect(isoDate('2024-02-29')).toBeNull();
  });

  it.each(['2023-02-30', '2023-02-29', 'not a date', 42])('rejects %p with the format message', (v) => {
    expect(isoDate(v)).toBe('must be a valid date in the format YYYY-MM-DD');
  });
});

describe(pastDate.name, () => {
  const today = '2025-06-15';
  const rule = pastDate(today);

  it('accepts yesterday, an ordinary birth date and 1900-01-01', () => {
    expect(rule('2025-06-14')).toBeNull();
    expect(rule('1992-12-11')).toBeNull();
    expect(rule('1900-01-01')).toBeNull();
  });

  it('rejects today and any later date', () => {
    expect(rule('2025-06-15')).toBe('must be in the past');
    expect(rule('2025-06-16')).toBe('must be in the past');
    expect(rule('2099-01-01')).toBe('must be in the past');
  });

  it('rejects dates before 1900', () => {
    expect(rule('1899-12-31')).toBe('must not be before 1900-01-01');
    expect(rule('1850-06-01')).toBe('must not be before 1900-01-01');
  });

  it('rejects what is not a real date', () => {
    expect(rule('2023-02-30')).toBe('must be a valid date in the format YYYY-MM-DD');
    expect(rule('yesterday')).toBe('must be a valid date in the format YYYY-MM-DD');
    expect(rule(19921211)).toBe('must be a valid date in the format YYYY-MM-DD');
  });

  it('judges "today" by the date it was given', () => {
    expect(pastDate('2024-03-01')('2024-02-29')).toBeNull();
    expect(pastDate('2024-02-29')('2024-02-29')).toBe('must be in the past');
  });
});

describe(utcTimestamp.name, () => {
  it.each([
    '2019-01-01T00:00:00Z',
    '2022-01-01T00:00:00.000Z',
    '2022-01-01T00:00:00.123456Z',
    '2022-01-01T00:00Z',
    '2022-01-01T00:00:00+00:00',
    '2022-01-01T00:00:00+0000',
    '2022-01-01T00:00:00-00:00',
    '2024-02-29T23:59:59Z',
  ])('accepts the UTC timestamp %p', (v) => {
    expect(utcTimestamp(v)).toBeNull();
  });

  it.each([
    '2022-01-01T00:00:00+02:00',
    '2022-01-01T00:00:00-05:00',
    '2022-01-01T00:00:00+01',
    '2022-01-01T00:00:00', // no zone: local time of unknown place
    '2022-01-01',
    '2022-01-01 00:00:00Z',
    '2023-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2022-13-01T00:00:00Z',
    '2022-01-01T25:00:00Z',
    '2022-01-01T23:61:00Z',
    '2022-01-01T00:00:00.1234567Z',
    'yesterday',
    '',
  ])('rejects %p', (v) => {
    expect(utcTimestamp(v)).toBe('must be an ISO 8601 UTC timestamp such as 2019-01-01T00:00:00Z');
  });

  it.each([1640995200000, null, undefined, new Date('2022-01-01T00:00:00Z')])(
    'rejects the non-string %p',
    (v) => {
      expect(utcTimestamp(v)).toBe('must be an ISO 8601 UTC timestamp such as 2019-01-01T00:00:00Z');
    },
  );
});

describe(e164.name, () => {
  it.each(['+49301234567', '+4915112345678', '+1234567', '+123456789012345', '+33612345678'])(
    'accepts %p',
    (v) => {
      expect(e164(v)).toBeNull();
    },
  );

  it.each([
    '49301234567',
    '0049301234567',
    '030 1234567',
    '+49 30 1234567',
    '+49-30-1234567',
    '+(49)301234567',
    '+0301234567',
    '+123456', // 6 digits: too short
    '+1234567890123456', // 16 digits: too long
    '+49301234567 ',
    '+',
    '',
    49301234567,
    null,
  ])('rejects %p', (v) => {
    expect(e164(v)).toBe('must be an E.164 phone number such as +49301234567');
  });
});
