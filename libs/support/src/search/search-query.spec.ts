import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#kyc/common';
import { classify, parseSearchRequest } from './search-query.js';

const PERSON = `${'a'.repeat(32)}cper`;
const IDT = `${'0123456789abcdef'.repeat(2)}cidt`;

describe(classify.name, () => {
  it.each([
    [PERSON, { kind: 'person_id', value: PERSON }],
    [` ${PERSON.toUpperCase()} `, { kind: 'person_id', value: PERSON }],
    [IDT, { kind: 'identification_id', value: IDT }],
    ['TST-KCCEY', { kind: 'reference', value: 'TST-KCCEY' }],
    ['tst-kccey', { kind: 'reference', value: 'tst-kccey' }],
    ['Jane.Doe@Example.com', { kind: 'email', value: 'Jane.Doe@Example.com' }],
    ['+49 151 2345 678', { kind: 'phone', value: '+49 151 2345 678' }],
    ['(0151) 234-5678', { kind: 'phone', value: '(0151) 234-5678' }],
    ['Müller', { kind: 'name', name: 'Müller' }],
    ["  Sean   O'Brien ", { kind: 'name', name: "Sean O'Brien" }],
    ['Schmidt-Weber', { kind: 'name', name: 'Schmidt-Weber' }],
    ['Müller 17.04.1992', { kind: 'name_and_birth_date', name: 'Müller', birthDate: '1992-04-17' }],
    ['1992-04-17 Hans Müller', { kind: 'name_and_birth_date', name: 'Hans Müller', birthDate: '1992-04-17' }],
    ['Hans 7.4.1992 Müller', { kind: 'name_and_birth_date', name: 'Hans Müller', birthDate: '1992-04-07' }],
  ])('reads %j', (q, expected) => {
    expect(classify(q)).toEqual(expected);
  });

  it.each(['M', '17.04.1992', 'Müller 30.02.1992', 'Müller 42', '12345', "''"])(
    'refuses %j with a message',
    (q) => {
      expect(typeof classify(q)).toBe('string');
    },
  );
});

describe(parseSearchRequest.name, () => {
  it('defaults the limit to 10 and reads a given one', () => {
    expect(parseSearchRequest({ q: 'Muller' }).limit).toBe(10);
    expect(parseSearchRequest({ q: 'Muller', limit: '20' }).limit).toBe(20);
  });

  it('reports every problem at once', () => {
    const err = (() => {
      try {
        parseSearchRequest({ q: '', limit: '0', page: '2' });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldIssues.map((i) => i.field).sort()).toEqual(['limit', 'page', 'q']);
  });

  it('refuses a query over 200 characters and a repeated q', () => {
    expect(() => parseSearchRequest({ q: 'a'.repeat(201) })).toThrow(ValidationError);
    expect(() => parseSearchRequest({ q: ['Muller', 'Meier'] })).toThrow(ValidationError);
  });
});
