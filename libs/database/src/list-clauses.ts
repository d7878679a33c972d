import type { ListQuery } from '#kyc/common';

/** One admin-list filter: the SQL expression it compares and how. */
export interface FilterColumn {
  sql: string;
  op: '=' | '>=' | '<=' | 'contains';
}

/**
 * WHERE / ORDER BY / LIMIT for an admin list whose keys were already checked against a whitelist
 * (parseListQuery): only the SQL of the maps below is spliced in, every value is a parameter.
 * `tiebreak` makes the order total, so pages never overlap.
 */
export function listClauses(
  q: ListQuery,
  filters: Record<string, FilterColumn>,
  sorts: Record<string, string>,
  tiebreak: string,
  params: unknown[] = [],
): { where: string; page: string; params: unknown[] } {
  const conditions: string[] = [];
  for (const [key, value] of Object.entries(q.filter)) {
    const col = filters[key];
    if (!col) throw new Error(`filter ${key} has no column`);
    params.push(col.op === 'contains' ? `%${String(value).replace(/[\\%_]/g, '\\$&')}%` : value);
    const p = `$${params.length}`;
    conditions.push(
      Array.isArray(value)
        ? `${col.sql} = ANY(${p})`
        : col.op === 'contains'
          ? `${col.sql} ILIKE ${p}`
          : `${col.sql} ${col.op} ${p}`,
    );
  }
  const sort = sorts[q.sort.field];
  if (!sort) throw new Error(`sort ${q.sort.field} has no column`);
  params.push(q.limit, q.offset);
  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    page: `ORDER BY ${sort} ${q.sort.order}, ${tiebreak} ${q.sort.order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  };
}
