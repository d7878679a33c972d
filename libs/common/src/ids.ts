import { randomBytes } from 'node:crypto';

/** Solaris-style resource suffixes: 32 lowercase hex characters, then the type. */
export const ID_SUFFIX = {
  person: 'cper',
  identification: 'cidt',
  document: 'cdoc',
  webhook: 'cwhk',
} as const;

export type IdKind = keyof typeof ID_SUFFIX;

export function newId(kind: IdKind): string {
  return randomBytes(16).toString('hex') + ID_SUFFIX[kind];
}

export function isId(kind: IdKind, value: string): boolean {
  return value.length === 36 && /^[0-9a-f]{32}$/.test(value.slice(0, 32)) && value.endsWith(ID_SUFFIX[kind]);
}
