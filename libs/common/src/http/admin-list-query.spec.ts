import { describe, expect, it } from '@jest/globals';
import { contentRange, type ListSpec, parseListQuery } from './admin-list-query.js';

const spec: ListSpec = {
  sortable: ['id', 'created_at'],
  filters: { id: 'id', status: ['open', 'closed'], from: 'timestamp', q: 'text', flagged: 'boolean' },
  defaultSort: ['created_at', 'DESC'],
};
const field = (query: Record<string, unknown>) => {
  try {
    parseListQuery(query, spec);
    return 'accepted';
  } catch (e) {
    return (e as { source?: { field: string } }).source?.field;
  }
};

describe(parseListQuery.name, () => {
  it('defaults to the first 25 rows in the default order, unfiltered', () => {
    expect(parseListQuery({}, spec)).toEqual({
      sort: { field: 'created_at', order: 'DESC' },
      offset: 0,
      limit: 25,
      filter: {},
    });
  });

  it("reads react-admin's sort, range and filter", () => {
    const q = parseListQuery(
      {
        sort: '["id","asc"]',
        range: '[50,74]',
        filter: '{"status":"open","id":["a","b"],"from":"2026-01-01","q":"x","flagged":true}',
      },
      spec,
    );
    expect(q).toEqual({
      sort: { field: 'id', order: 'ASC' },
      offset: 50,
      limit: 25,
      filter: { status: 'open', id: ['a', 'b'], from: '2026-01-01T00:00:00.000Z', q: 'x', flagged: true },
    });
  });

  it('caps a page at 100 rows and drops empty filter values', () => {
    expect(parseListQuery({ range: '[0,9999]', filter: '{"status":"","q":null}' }, spec)).toMatchObject({
      limit: 100,
      filter: {},
    });
  });

  it.each([
    [{ sort: '["password","ASC"]' }, 'sort'],
    [{ sort: '["id"]' }, 'sort'],
    [{ sort: 'id' }, 'sort'],
    [{ range: '[5,1]' }, 'range'],
    [{ range: '[-1,5]' }, 'range'],
    [{ range: '[0.5,5]' }, 'range'],
    [{ range: ['[0,1]', '[0,2]'] }, 'range'],
    [{ filter: '[]' }, 'filter'],
    [{ filter: '{"role":"x"}' }, 'filter.role'],
    [{ filter: '{"status":"lost"}' }, 'filter.status'],
    [{ filter: '{"id":"a b"}' }, 'filter.id'],
    [{ filter: '{"id":[]}' }, 'filter.id'],
    [{ filter: '{"from":"soon"}' }, 'filter.from'],
    [{ filter: '{"flagged":"yes"}' }, 'filter.flagged'],
    [{ filter: `{"q":"${'x'.repeat(201)}"}` }, 'filter.q'],
  ])('refuses %j naming %s', (query, name) => {
    expect(field(query)).toBe(name);
  });
});

describe(contentRange.name, () => {
  it('names the rows sent and the total', () => {
    expect(contentRange('users', 25, 10, 35)).toBe('users 25-34/35');
    expect(contentRange('users', 0, 0, 0)).toBe('users */0');
  });
});
