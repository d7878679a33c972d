import { ValidationError } from '../errors/domain-errors.js';

/** Rows per page of any admin list, whatever the console asks for. */
export const ADMIN_MAX_PAGE = 100;

/** How a filter value is checked before it reaches SQL: a fixed set, an id, a time, or free text. */
export type FilterKind = 'id' | 'text' | 'timestamp' | 'boolean' | readonly string[];

export interface ListSpec {
  sortable: readonly string[];
  filters: Record<string, FilterKind>;
  defaultSort: [string, 'ASC' | 'DESC'];
}

export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
  /** Only keys of the spec, values checked: a string, a boolean, or a list of ids (react-admin's getMany). */
  filter: Record<string, string | boolean | string[]>;
}

/**
 * react-admin's simple REST contract, parsed once for every admin list: `sort=["field","ASC"]`,
 * `range=[0,24]` (inclusive), `filter={"status":"failed"}`. Unknown fields and bad values answer 400.
 */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListQuery {
  const sortRaw = json(query.sort, 'sort', spec.defaultSort);
  if (
    !Array.isArray(sortRaw) ||
    typeof sortRaw[0] !== 'string' ||
    !spec.sortable.includes(sortRaw[0]) ||
    !['ASC', 'DESC'].includes(String(sortRaw[1]).toUpperCase())
  ) {
    throw ValidationError.field(
      'sort',
      `must be ["field","ASC|DESC"] with field one of: ${spec.sortable.join(', ')}`,
    );
  }
  const rangeRaw = json(query.range, 'range', [0, 24]);
  if (
    !Array.isArray(rangeRaw) ||
    !Number.isSafeInteger(rangeRaw[0]) ||
    !Number.isSafeInteger(rangeRaw[1]) ||
    (rangeRaw[0] as number) < 0 ||
    (rangeRaw[1] as number) < (rangeRaw[0] as number)
  ) {
    throw ValidationError.field('range', 'must be [first, last] with 0 <= first <= last');
  }
  const [first, last] = rangeRaw as [number, number];
  return {
    sort: { field: sortRaw[0], order: String(sortRaw[1]).toUpperCase() as 'ASC' | 'DESC' },
    offset: first,
    limit: Math.min(ADMIN_MAX_PAGE, last - first + 1),
    filter: parseFilter(json(query.filter, 'filter', {}), spec.filters),
  };
}

/** `Content-Range: <resource> <first>-<last>/<total>`, from which react-admin reads the total. */
export function contentRange(resource: string, offset: number, rows: number, total: number): string {
  return rows ? `${resource} ${offset}-${offset + rows - 1}/${total}` : `${resource} */${total}`;
}

function json(raw: unknown, field: string, fallback: unknown): unknown {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string') throw ValidationError.field(field, 'must be given once, as JSON');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw ValidationError.field(field, 'is not valid JSON');
  }
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

function parseFilter(raw: unknown, kinds: Record<string, FilterKind>): ListQuery['filter'] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw ValidationError.field('filter', 'must be a JSON object');
  }
  const out: ListQuery['filter'] = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const kind = kinds[key];
    const field = `filter.${key}`;
    if (!kind)
      throw ValidationError.field(field, `is not a filter; use one of: ${Object.keys(kinds).join(', ')}`);
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(kind)) {
      if (typeof value !== 'string' || !kind.includes(value)) {
        throw ValidationError.field(field, `must be one of: ${kind.join(', ')}`);
      }
      out[key] = value;
    } else if (kind === 'boolean') {
      if (typeof value !== 'boolean') throw ValidationError.field(field, 'must be true or false');
      out[key] = value;
    } else if (kind === 'id') {
      const ids = Array.isArray(value) ? value : [value];
      if (
        !ids.length ||
        ids.length > ADMIN_MAX_PAGE ||
        !ids.every((v) => typeof v === 'string' && ID.test(v))
      ) {
        throw ValidationError.field(field, 'must be an id or a list of at most 100 ids');
      }
      out[key] = Array.isArray(value) ? (ids as string[]) : (value as string);
    } else if (kind === 'timestamp') {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw ValidationError.field(field, 'must be an ISO 8601 date or time');
      }
      out[key] = new Date(value).toISOString();
    } else {
      if (typeof value !== 'string' || value.length > 200) {
        throw ValidationError.field(field, 'must be text of at most 200 characters');
      }
      out[key] = value;
    }
  }
  return out;
}
