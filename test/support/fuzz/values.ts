import fc from 'fast-check';

/** Strings that break naive code: encodings, control characters, bidi marks, overlong numbers, injections. */
export const NASTY_STRINGS: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '😀👩‍👩‍👧',
  'e\u0301\u0301\u0301',
  'Z̷̡̛̛̛̞̰a̶l̷g̴o̵',
  '\uFEFF',
  '\r\n\t',
  '9'.repeat(400),
  '1e309',
  '-0',
  '0x1F',
  'NaN',
  'Infinity',
  '1.5',
  '-1',
  '2147483648',
  '9007199254740993',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  '2024-02-30',
  '2024-13-01T25:61:00Z',
  '0000-00-00',
  '+49',
  'a@b',
  'http://127.0.0.1:9/x',
  'javascript:alert(1)',
  'ñandú',
  'ß'.repeat(40),
];

export const nastyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 256, max: 70_000 }).map((n) => 'A'.repeat(n)) },
  );

/** Any JSON value, from the nasty strings, odd numbers and shapes. */
export const nastyValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: nastyString() },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, [], {}),
    },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.array(nastyString(), { maxLength: 4 }) },
  );

/** A path segment: mostly one of the known ids, sometimes garbage (percent-encoded, or left raw). */
export function idSegment(known: string[]): fc.Arbitrary<string> {
  const pool = known.length ? known : ['0123456789abcdef0123456789abcdefcper'];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool) },
    { weight: 3, arbitrary: nastyString().map((s) => encode(s.slice(0, 300))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%E0%A4%A',
        '%',
        '..',
        '%2e%2e',
        'a%2Fb',
        '%00',
        '-1',
        '0',
        '99999999999999999999',
      ),
    },
  );
}

/** encodeURIComponent that does not throw: a lone surrogate goes out as its (invalid UTF-8) WTF-8 bytes. */
export function encode(s: string): string {
  return s
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((part) =>
      /^[\uD800-\uDFFF]$/.test(part)
        ? [
            ...Buffer.from([
              0xed,
              0xa0 | ((part.charCodeAt(0) >> 6) & 0x1f),
              0x80 | (part.charCodeAt(0) & 0x3f),
            ]),
          ]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(part),
    )
    .join('');
}
