import { asText, isRecord } from '../util/json-guards.js';

export const IDNOW_FIELD_STATUSES = ['MATCH', 'CHANGE', 'NEW', 'REDACTION', 'ORIGINAL'] as const;
export type KnownIdnowFieldStatus = (typeof IDNOW_FIELD_STATUSES)[number];
/** A known status, or whatever else IDnow sent, kept as-is so nothing is silently lost. */
export type IdnowFieldStatus = KnownIdnowFieldStatus | (string & NonNullable<unknown>);

/** One checked field: `original` is what we sent when the agent changed it (or all there is when aborted). */
export interface IdnowField {
  value: string | null;
  status: IdnowFieldStatus;
  original: string | null;
}

/** Field path (`firstname`, `address.zipcode`) to field. */
export type IdnowFieldMap = Record<string, IdnowField>;

const STATUS_ALIASES: Record<string, KnownIdnowFieldStatus> = { CHANGED: 'CHANGE', MATCHED: 'MATCH' };

function normaliseStatus(status: unknown): IdnowFieldStatus {
  const text = asText(status)?.trim().toUpperCase();
  if (!text) return 'UNKNOWN';
  return STATUS_ALIASES[text] ?? text;
}

const isField = (node: Record<string, unknown>) => 'value' in node || 'status' in node || 'original' in node;

/** Flattens IDnow's nested `{"value","status","original"}` tree into dotted paths; a bare scalar is a value. */
export function flattenFields(node: unknown, prefix = '', into: IdnowFieldMap = {}): IdnowFieldMap {
  if (!isRecord(node)) return into;
  for (const [key, child] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(child) && isField(child)) {
      into[path] = {
        value: asText(child.value),
        status: normaliseStatus(child.status),
        original: asText(child.original),
      };
    } else if (isRecord(child)) {
      flattenFields(child, path, into);
    } else if (asText(child) !== null) {
      into[path] = { value: asText(child), status: 'UNKNOWN', original: null };
    }
  }
  return into;
}
