import { Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useDataProvider, useTranslate } from 'react-admin';
import { Panel } from '../analytics/Panel';
import type { ConsoleDataProvider } from '../dataProvider';

const queue = (filter: Record<string, unknown>) =>
  `/review-cases?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;

const COUNTERS = [
  { key: 'open', filter: {} },
  { key: 'overdue', filter: { age: 'overdue' } },
  { key: 'escalated', filter: { escalated: true } },
] as const;

/** The review queue's counters (open, past the SLA, escalated by the review SLA job), each a link to the list. */
export const ReviewSummaryPanel = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { data, isPending, error } = useQuery({
    queryKey: ['review-cases', 'summary'],
    queryFn: () => dataProvider.reviewSummary(),
  });
  return (
    <Panel title="kyc.dashboard.review.title" testId="review-summary" loading={isPending} error={error}>
      <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
        {COUNTERS.map(({ key, filter }) => (
          <Button
            key={key}
            component={Link}
            to={queue(filter)}
            color={key === 'escalated' && data?.escalated ? 'error' : 'primary'}
            sx={{ flexDirection: 'column', alignItems: 'flex-start', textTransform: 'none' }}
            data-testid={`review-summary-${key}`}
          >
            <Typography variant="h4" component="span">
              {data?.[key] ?? 0}
            </Typography>
            <Typography variant="body2" component="span">
              {translate(`kyc.dashboard.review.${key}`)}
            </Typography>
          </Button>
        ))}
      </Stack>
    </Panel>
  );
};
