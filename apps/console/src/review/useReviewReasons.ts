import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

/** The documented reason codes of each decision (GET /admin/review-reasons), fetched once per visit. */
export function useReviewReasons() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    queryKey: ['review-reasons'],
    queryFn: () => dataProvider.reviewReasons(),
    staleTime: 10 * 60_000,
  });
}
