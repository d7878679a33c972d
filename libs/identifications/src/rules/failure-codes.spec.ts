import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAILURE_CODES, failureCode, isFailureCode } from './failure-codes.js';

// CI keeps a copy of shared/ beside the clone, so the seed is read from there rather than copied in.
const SEED = readFileSync(join(process.cwd(), '../shared/seed/000_1c65a37035771265.txt'), 'utf8');

/** The seed's table rows: the category is written on the first row of a group only. */
function seedTable() {
  const lines = SEED.split(/\r?\n/);
  const start = lines.indexOf('Category Failure reason Description Permanent? Caused by User?');
  expect(start).toBeGreaterThan(0);
  const rows: {
    code: string;
    category: string;
    description: string;
    permanent: boolean;
    causedByUser: string;
  }[] = [];
  let category = '';
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const m = /^(?:(DATA|Technical|User|Other) )?([A-Z_]+) (.+) (yes|no|No) (yes|no|No|-)$/.exec(line);
    if (!m) throw new Error(`Unparsed seed row: ${line}`);
    category = m[1] ?? category;
    rows.push({
      code: m[2],
      category,
      description: m[3],
      permanent: m[4] === 'yes',
      causedByUser: m[5] === '-' ? 'unknown' : m[5].toLowerCase(),
    });
  }
  return rows;
}

const codes = (pick: (f: (typeof FAILURE_CODES)[number]) => boolean) =>
  FAILURE_CODES.filter(pick).map((f) => f.code);

describe('FAILURE_CODES', () => {
  const seed = seedTable();

  it('holds every row of the seed table, in order, with the same values', () => {
    expect(seed).toHaveLength(59);
    expect(FAILURE_CODES.map((f) => ({ ...f }))).toEqual(seed);
  });

  it.each(seed.map((row) => [row.code, row] as const))('%s matches the seed', (code, row) => {
    expect(failureCode(code)).toEqual(row);
  });

  it('has unique codes', () => {
    expect(new Set(FAILURE_CODES.map((f) => f.code)).size).toBe(FAILURE_CODES.length);
  });

  it('counts 3 DATA, 28 Technical, 17 User and 11 Other codes', () => {
    const count = (c: string) => FAILURE_CODES.filter((f) => f.category === c).length;
    expect([count('DATA'), count('Technical'), count('User'), count('Other')]).toEqual([3, 28, 17, 11]);
  });

  it('has exactly 6 permanent codes', () => {
    expect(codes((f) => f.permanent)).toEqual([
      'DATA_APPLICATION_ADDRESS',
      'DATA_APPLICATION_DATA',
      'ENROLLED_TO_WAITING_LIST',
      'USER_LANGUAGE',
      'INDECENT_BEHAVIOUR',
      'OTHER_MISCELLANEOUS_PERMANENT',
    ]);
  });

  it('has exactly 4 codes not caused by the user', () => {
    expect(codes((f) => f.causedByUser === 'no')).toEqual([
      'TECH_INTERNAL_SERVER_ERROR',
      'IDENT_CODE_NOT_RECEIVED',
      'INCORRECT_ID_NUMBER',
      'INCORRECT_NAME_IN_QES',
    ]);
  });

  it('has exactly 6 codes where the cause is unknown ("-" in the seed)', () => {
    expect(codes((f) => f.causedByUser === 'unknown')).toEqual([
      'OTHER_MISCELLANEOUS_PERMANENT',
      'OTHER_MISCELLANEOUS_TEMPORARY',
      'STALLED_TIMEOUT',
      'NO_SECURITY_QUESTION_ASKED',
      'SECURITY_QUESTION_NOT_CORRECT_ANSWERED',
      'SECURITY_QUESTION',
    ]);
  });

  it('keeps the seed typos verbatim', () => {
    expect(failureCode('BAD_AUDIO_ENVIRONMENT')?.description).toBe('Audio disturabce in the call.');
  });

  it('is frozen, so no caller can change the catalog', () => {
    expect(Object.isFrozen(FAILURE_CODES)).toBe(true);
    expect(Object.isFrozen(FAILURE_CODES[0])).toBe(true);
  });
});

describe(failureCode.name, () => {
  it('finds a code', () => {
    expect(failureCode('TECH_VIDEO')).toMatchObject({ category: 'Technical', permanent: false });
  });

  it('answers undefined for an unknown or differently cased code', () => {
    expect(failureCode('NOT_A_REASON')).toBeUndefined();
    expect(failureCode('tech_video')).toBeUndefined();
    expect(failureCode('')).toBeUndefined();
  });
});

describe(isFailureCode.name, () => {
  it('tells catalog codes from others', () => {
    expect(isFailureCode('USER_CANCELLATION')).toBe(true);
    expect(isFailureCode('FRAUD_SUSPICION_PENDING')).toBe(false);
  });
});
