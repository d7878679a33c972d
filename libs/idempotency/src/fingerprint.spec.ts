import { describe, expect, it } from '@jest/globals';
import { canonicalJson, jsonBodyHash, multipartBodyHash, type MultipartEntry } from './fingerprint.js';
import { idempotencyKeyOf } from './idempotency-key.js';

const file = (sha256: string, fileName = 'a.pdf'): MultipartEntry => ({
  kind: 'file',
  name: 'file',
  fileName,
  mimeType: 'application/pdf',
  sha256,
});
const field: MultipartEntry = { kind: 'field', name: 'document_type', value: 'ID_DOCUMENT' };

describe(jsonBodyHash.name, () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(jsonBodyHash({ a: 1, b: { c: 'x', d: 'y' } })).toBe(jsonBodyHash({ b: { d: 'y', c: 'x' }, a: 1 }));
  });

  it('changes with any value, type or array order', () => {
    const base = jsonBodyHash({ a: [1, 2], b: 'x' });
    expect(jsonBodyHash({ a: [2, 1], b: 'x' })).not.toBe(base);
    expect(jsonBodyHash({ a: [1, 2], b: 'y' })).not.toBe(base);
    expect(jsonBodyHash({ a: ['1', 2], b: 'x' })).not.toBe(base);
    expect(jsonBodyHash({ a: [1, 2], b: 'x', c: null })).not.toBe(base);
  });

  it('tells an absent body from an empty object', () => {
    expect(jsonBodyHash(undefined)).not.toBe(jsonBodyHash({}));
  });
});

describe(multipartBodyHash.name, () => {
  it('does not depend on the order of the parts', () => {
    expect(multipartBodyHash([field, file('aa')])).toBe(multipartBodyHash([file('aa'), field]));
  });

  it('covers the file content, the fields and the file name', () => {
    const base = multipartBodyHash([field, file('aa')]);
    expect(multipartBodyHash([field, file('ab')])).not.toBe(base);
    expect(multipartBodyHash([{ ...field, value: 'OTHER' }, file('aa')])).not.toBe(base);
    expect(multipartBodyHash([field, file('aa', 'b.pdf')])).not.toBe(base);
    expect(multipartBodyHash([field])).not.toBe(base);
  });
});

describe(idempotencyKeyOf.name, () => {
  it('takes 1 to 255 printable ASCII characters, and no header at all', () => {
    expect(idempotencyKeyOf({})).toBeUndefined();
    expect(idempotencyKeyOf({ 'idempotency-key': 'a' })).toBe('a');
    expect(idempotencyKeyOf({ 'idempotency-key': ' ~'.repeat(127) + '!' })).toHaveLength(255);
  });

  it.each([[''], ['x'.repeat(256)], ['tab\there'], ['é'], [['a', 'b']]])('refuses %j with 400', (value) => {
    expect(() => idempotencyKeyOf({ 'idempotency-key': value })).toThrow(
      expect.objectContaining({ status: 400, source: expect.objectContaining({ field: 'Idempotency-Key' }) }),
    );
  });
});
