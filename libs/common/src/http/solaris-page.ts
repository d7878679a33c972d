import { ValidationError } from '../errors/domain-errors.js';

/** Largest page a Solaris list answers. */
export const MAX_PAGE_SIZE = 100;

export interface SolarisPage {
  number: number;
  size: number;
}

/** `page[number]` (from 1) and `page[size]` (1..100, default 10), as Solaris lists take them. */
export function parsePage(number: unknown, size: unknown): SolarisPage {
  const read = (field: string, value: unknown, fallback: number, max: number) => {
    if (value === undefined) return fallback;
    const n = typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= max)) throw ValidationError.field(field, `must be an integer from 1 to ${max}`);
    return n;
  };
  return {
    number: read('page[number]', number, 1, 1_000_000),
    size: read('page[size]', size, 10, MAX_PAGE_SIZE),
  };
}
