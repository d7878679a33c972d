import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { Dimensions } from './drillDown';
import { analyticsParams, type DashboardQuery, parseDashboardQuery, toSearchParams } from './rangeQuery';
import type { AnalyticsPath } from './types';

/**
 * The dashboard's view from the URL query string, and the parameters every panel asks with. Presets are
 * rounded to whole hours, so the parameters (and the cached answers) hold for the rest of the hour.
 */
export function useDashboardQuery() {
  const [search, setSearch] = useSearchParams();
  const query = useMemo(() => parseDashboardQuery(search), [search]);
  const key = JSON.stringify(analyticsParams(query, new Date()));
  const params = useMemo(() => JSON.parse(key) as Record<string, string>, [key]);
  const dims: Dimensions = { partner_id: query.partner_id, language: query.language };
  const setQuery = (next: DashboardQuery) => setSearch(toSearchParams(next));
  return { query, params, dims, setQuery };
}

/** One panel's answer, cached by react-query (react-admin's refresh button reloads it). */
export function useAnalytics<P extends AnalyticsPath>(path: P, params: Record<string, string>) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    queryKey: ['analytics', path, params],
    queryFn: () => dataProvider.analytics(path, params),
  });
}
