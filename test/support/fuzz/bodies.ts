import fc from 'fast-check';
import type { JsonSchema } from './operations.js';
import { nastyString, nastyValue } from './values.js';

/** What goes on the wire: the exact bytes and the content type (absent when undefined). */
export interface RawBody {
  contentType?: string;
  payload?: string | Buffer;
  /** A one-line label for reports. */
  kind: string;
}

/** A plausible value for a schema: enums, formats and nested objects, so some requests go deep. */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.constant({});
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.allOf?.[0]) return fromSchema(schema.allOf[0], depth + 1);
  if (schema.oneOf?.length || schema.anyOf?.length) {
    return fc.oneof(...(schema.oneOf ?? schema.anyOf).map((s: JsonSchema) => fromSchema(s, depth + 1)));
  }
  switch (schema.type) {
    case 'integer':
      // Small: a valid count starts real work (demo persons to load), and the fuzzer wants cheap requests.
      return fc.integer({
        min: schema.minimum ?? 0,
        max: Math.max(schema.minimum ?? 0, Math.min(schema.maximum ?? 10, 10)),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 100, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 3 });
    case 'string':
      if (schema.format === 'date') return fc.constantFrom('1990-01-31', '2024-02-29');
      if (schema.format === 'date-time') return fc.constantFrom('2024-01-01T00:00:00.000Z');
      if (schema.format === 'email') return fc.constantFrom('jane.doe@example.com');
      return fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 20, 40) });
    default: {
      const props = Object.entries<JsonSchema>(schema.properties ?? {});
      if (!props.length) return fc.constant({});
      const required = new Set<string>(schema.required ?? []);
      const shape = Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)]));
      return fc.record(shape, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
  }
}

type Json = Record<string, unknown>;

/** One mutation of a (valid) object: a field removed, retyped, nulled, added; or the whole body replaced. */
export function mutate(base: unknown): fc.Arbitrary<unknown> {
  const obj = base && typeof base === 'object' && !Array.isArray(base) ? (base as Json) : {};
  const keys = Object.keys(obj);
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant('x');
  const nested = keys.filter((k) => obj[k] && typeof obj[k] === 'object' && !Array.isArray(obj[k]));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(base) },
    { weight: 4, arbitrary: fc.tuple(key, nastyValue()).map(([k, v]) => ({ ...obj, [k]: v })) },
    {
      weight: 2,
      arbitrary: key.map((k) => Object.fromEntries(Object.entries(obj).filter(([x]) => x !== k))),
    },
    { weight: 1, arbitrary: key.map((k) => ({ ...obj, [k]: null })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.oneof(nastyString(), fc.constantFrom('__proto__', 'constructor', 'id', 'partner_id')),
          nastyValue(),
        )
        // A computed key defines an own property, even for __proto__, so it reaches the wire.
        .map(([k, v]) => ({ [k]: v, ...obj })),
    },
    {
      weight: nested.length ? 2 : 0,
      arbitrary: fc
        .tuple(fc.constantFrom(...(nested.length ? nested : ['x'])), nastyString(), nastyValue())
        .map(([k, f, v]) => ({ ...obj, [k]: { ...(obj[k] as Json), [f]: v } })),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'body', 42, true, [obj]) },
  );
}

const json = (value: unknown, kind: string): RawBody => ({
  contentType: 'application/json',
  payload: JSON.stringify(value) ?? 'null',
  kind,
});

/** Bytes that are not the JSON the route wants: broken syntax, odd encodings, wrong content types, sizes. */
export function hostileBody(bodyLimit: number, valid: unknown): fc.Arbitrary<RawBody> {
  const text = JSON.stringify(valid ?? {}) ?? '{}';
  const dupKey = text.length > 2 ? `{"id":"a",${text.slice(1, -1)},"id":"b"}` : '{"a":1,"a":2}';
  const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
  return fc.oneof(
    {
      weight: 30,
      arbitrary: fc.constantFrom<RawBody>(
        {
          contentType: 'application/json',
          payload: text.slice(0, Math.max(1, text.length >> 1)),
          kind: 'truncated json',
        },
        { contentType: 'application/json', payload: '', kind: 'empty json' },
        { contentType: 'application/json', payload: '{"a":1,}', kind: 'trailing comma' },
        { contentType: 'application/json', payload: "{'a':1}", kind: 'single quotes' },
        { contentType: 'application/json', payload: '\uFEFF{}', kind: 'bom' },
        { contentType: 'application/json', payload: 'NaN', kind: 'NaN' },
        { contentType: 'application/json', payload: dupKey, kind: 'duplicated keys' },
        { contentType: 'application/json', payload: '{"__proto__":{"admin":true}}', kind: 'proto key' },
        { contentType: 'application/json', payload: deep(5000, '[', ']'), kind: 'deep array' },
        {
          contentType: 'application/json',
          payload: deep(2000, '{"a":', '}').replace(/}$/, '1}'),
          kind: 'deep object',
        },
        {
          contentType: 'application/json',
          payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
          kind: 'invalid utf-8',
        },
        { contentType: 'application/json; charset=utf-16', payload: text, kind: 'utf-16 charset' },
        { contentType: 'text/plain', payload: text, kind: 'text/plain' },
        { contentType: 'application/xml', payload: '<a/>', kind: 'xml' },
        { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&a=2&b[c]=%00', kind: 'form' },
        {
          contentType: 'multipart/form-data; boundary=x',
          payload: '--x\r\nbroken',
          kind: 'broken multipart',
        },
        { contentType: 'multipart/form-data', payload: 'no boundary', kind: 'multipart without boundary' },
        { contentType: 'application/json', payload: '{"a":"\\ud800"}', kind: 'escaped lone surrogate' },
        { contentType: 'application/json', payload: `{"n":${'9'.repeat(500)}}`, kind: 'overlong number' },
        { contentType: undefined, payload: text, kind: 'no content type' },
        { contentType: '', payload: text, kind: 'empty content type' },
        { contentType: 'application/json', payload: undefined, kind: 'json type, no body' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: bodyLimit - 64, max: bodyLimit + 4096 })
        .map((n) => json({ x: 'A'.repeat(Math.max(0, n - 8)) }, `huge body ~${n} bytes`)),
    },
  );
}

/** A JSON body for a route: valid-shaped, then mutated; sometimes hostile bytes instead. */
export function bodyFor(
  schema: JsonSchema | undefined,
  examples: unknown[],
  bodyLimit: number,
): fc.Arbitrary<RawBody> {
  const base = examples.length
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...examples) },
        { weight: 1, arbitrary: fromSchema(schema) },
      )
    : fromSchema(schema);
  const valid = examples[0] ?? {};
  return fc.oneof(
    { weight: 6, arbitrary: base.chain(mutate).map((v) => json(v, 'mutated json')) },
    { weight: 2, arbitrary: hostileBody(bodyLimit, valid) },
    { weight: 1, arbitrary: fc.constant<RawBody>({ kind: 'no body' }) },
  );
}
