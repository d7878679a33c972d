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

/** What runs a query: a DataSource or a transaction's EntityManager. */
interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * One admin list page and the total it is a page of: `select` and `count` share the FROM clause (count
 * is `SELECT count(*)::int AS total FROM …`), the filters and sort of `q` apply to both.
 */
export async function queryPage<T>(
  db: Queryable,
  sql: { select: string; count: string },
  q: ListQuery,
  columns: {
    filters: Record<string, FilterColumn>;
    sorts: Record<string, string>;
    tiebreak: string;
    /** A condition beyond the per-column filters (its placeholders number from $1 in `params`). */
    extra?: { condition: string; params: unknown[] };
  },
): Promise<{ rows: T[]; total: number }> {
  const built = listClauses(q, columns.filters, columns.sorts, columns.tiebreak, [
    ...(columns.extra?.params ?? []),
  ]);
  const { page, params } = built;
  const condition = columns.extra?.condition;
  const where = !condition
    ? built.where
    : built.where
      ? `${built.where} AND ${condition}`
      : `WHERE ${condition}`;
  const [rows, [{ total }]] = await Promise.all([
    db.query<T[]>(`${sql.select} ${where} ${page}`, params),
    db.query<{ total: number }[]>(`${sql.count} ${where}`, params.slice(0, -2)),
  ]);
  return { rows, total };
}
