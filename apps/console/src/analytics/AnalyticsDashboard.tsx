import { Grid, Stack } from '@mui/material';
import { EmptyState } from './EmptyState';
import { FunnelPanel } from './FunnelPanel';
import { OpenAlertsPanel } from './OpenAlertsPanel';
import { FailureSplitPanel, StatusTrendPanel } from './OutcomeCharts';
import { RangePicker } from './RangePicker';
import { RetriesPanel } from './RetriesPanel';
import { TimeToFinalPanel } from './TimeToFinalPanel';
import { TopReasonsPanel } from './TopReasonsPanel';
import { useAnalytics, useDashboardQuery } from './useAnalytics';

/**
 * Failure analytics for officers and admins: where identifications fail and why, over the range in the
 * URL. Nothing created or finished in the range: the empty state (with demo data in the sandbox).
 */
export const AnalyticsDashboard = () => {
  const { query, params, dims, setQuery } = useDashboardQuery();
  const trend = useAnalytics('status-trend', params);
  const funnel = useAnalytics('funnel', params);
  const empty =
    trend.data?.series.every((p) => p.total === 0) && funnel.data?.steps.every((s) => s.count === 0);
  const panels = { params, dims };
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }} data-testid="analytics-dashboard">
      <RangePicker query={query} onChange={setQuery} />
      <Grid container spacing={2}>
        {empty ? (
          <Grid size={{ xs: 12, xl: 8 }}>
            <EmptyState />
          </Grid>
        ) : (
          <Grid size={{ xs: 12, xl: 8 }}>
            <StatusTrendPanel {...panels} />
          </Grid>
        )}
        <Grid size={{ xs: 12, xl: 4 }}>
          <OpenAlertsPanel />
        </Grid>
        {!empty && (
          <>
            <Grid size={{ xs: 12, md: 6 }}>
              <FailureSplitPanel {...panels} split="permanence" />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <FailureSplitPanel {...panels} split="cause" />
            </Grid>
            <Grid size={{ xs: 12, xl: 7 }}>
              <TopReasonsPanel {...panels} />
            </Grid>
            <Grid size={{ xs: 12, xl: 5 }}>
              <FunnelPanel {...panels} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TimeToFinalPanel params={params} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <RetriesPanel params={params} />
            </Grid>
          </>
        )}
      </Grid>
    </Stack>
  );
};
