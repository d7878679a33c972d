import { describe, expect, it } from '@jest/globals';
import {
  oldestProofOfAddressDate,
  PROOF_OF_ADDRESS_TYPES,
  proofOfAddressIssues,
} from './proof-of-address.js';

const TODAY = '2024-09-15';
const TYPE = 'proof_of_address_type';
const ISSUED_AT = 'proof_of_address_issued_at';

describe(proofOfAddressIssues.name, () => {
  describe('both or neither', () => {
    it.each([
      [undefined, undefined],
      [null, null],
      [undefined, null],
    ])('accepts neither field (%p, %p)', (type, issuedAt) => {
      expect(proofOfAddressIssues(type, issuedAt, TODAY)).toEqual([]);
    });

    it('accepts both fields, as in the seed example', () => {
      expect(proofOfAddressIssues('GAS_BILL', '2024-09-01', TODAY)).toEqual([]);
    });

    it.each([undefined, null, ''])('asks for the issue date when only the type is given (%p)', (issuedAt) => {
      expect(proofOfAddressIssues('GAS_BILL', issuedAt, TODAY)).toEqual([
        { field: ISSUED_AT, message: 'is required when proof_of_address_type is set' },
      ]);
    });

    it.each([undefined, null, ''])('asks for the type when only the issue date is given (%p)', (type) => {
      expect(proofOfAddressIssues(type, '2024-09-01', TODAY)).toEqual([
        { field: TYPE, message: 'is required when proof_of_address_issued_at is set' },
      ]);
    });
  });

  describe('type', () => {
    it.each(PROOF_OF_ADDRESS_TYPES)('accepts %s', (type) => {
      expect(proofOfAddressIssues(type, '2024-09-01', TODAY)).toEqual([]);
    });

    it.each(['gas_bill', 'PASSPORT', 'UTILITY', 42])('rejects %p', (type) => {
      expect(proofOfAddressIssues(type, '2024-09-01', TODAY)).toEqual([
        { field: TYPE, message: `must be one of ${PROOF_OF_ADDRESS_TYPES.join(', ')}` },
      ]);
    });
  });

  describe('issue date', () => {
    it.each(['2024-02-30', '2024-13-01', '15.09.2024', '2024-9-1', '2024-09-01T00:00:00Z', 20240901])(
      'rejects %p as not a real YYYY-MM-DD date',
      (issuedAt) => {
        expect(proofOfAddressIssues('GAS_BILL', issuedAt, TODAY)).toEqual([
          { field: ISSUED_AT, message: 'must be a valid date in the format YYYY-MM-DD' },
        ]);
      },
    );

    it('accepts today and rejects tomorrow', () => {
      expect(proofOfAddressIssues('GAS_BILL', TODAY, TODAY)).toEqual([]);
      expect(proofOfAddressIssues('GAS_BILL', '2024-09-16', TODAY)).toEqual([
        { field: ISSUED_AT, message: 'must not be in the future' },
      ]);
    });

    it('accepts exactly six calendar months ago and rejects the day before', () => {
      expect(proofOfAddressIssues('GAS_BILL', '2024-03-15', TODAY)).toEqual([]);
      expect(proofOfAddressIssues('GAS_BILL', '2024-03-14', TODAY)).toEqual([
        { field: ISSUED_AT, message: 'must not be older than 6 months' },
      ]);
    });

    it('reports every field at fault at once', () => {
      expect(proofOfAddressIssues('UTILITY', '2020-01-01', TODAY)).toEqual([
        { field: TYPE, message: `must be one of ${PROOF_OF_ADDRESS_TYPES.join(', ')}` },
        { field: ISSUED_AT, message: 'must not be older than 6 months' },
      ]);
    });
  });
});

describe(oldestProofOfAddressDate.name, () => {
  it.each([
    ['2024-09-15', '2024-03-15'],
    ['2024-03-10', '2023-09-10'], // across a year boundary
    ['2024-08-31', '2024-02-29'], // February of a leap year lacks the 31st
    ['2023-08-31', '2023-02-28'],
    ['2024-12-31', '2024-06-30'],
    ['2024-01-01', '2023-07-01'],
  ])('six months before %s is %s', (today, oldest) => {
    expect(oldestProofOfAddressDate(today)).toBe(oldest);
  });

  it('refuses a today that is not a date, since that is a programming error', () => {
    expect(() => oldestProofOfAddressDate('today')).toThrow('today must be a YYYY-MM-DD date');
  });
});

describe('PROOF_OF_ADDRESS_TYPES', () => {
  it('includes the seed example and lists each type once', () => {
    expect(PROOF_OF_ADDRESS_TYPES).toContain('GAS_BILL');
    expect(new Set(PROOF_OF_ADDRESS_TYPES).size).toBe(PROOF_OF_ADDRESS_TYPES.length);
  });
});
