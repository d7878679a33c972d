import { useTheme } from '@mui/material';
import { type Dimensions, type FailureSplit, splitBarFilter, statusBarFilter } from './drillDown';
import { BucketChartPanel } from './BucketChartPanel';
import { OUTCOME_STATUSES, type OutcomeStatus } from './types';
import { useAnalytics } from './useAnalytics';

export interface PanelProps {
  params: Record<string, string>;
  dims: Dimensions;
}

/** Outcomes per bucket by status: successful, failed, aborted, canceled, expired. */
export const StatusTrendPanel = ({ params, dims }: PanelProps) => {
  const { palette } = useTheme();
  const { data, isPending, error } = useAnalytics('status-trend', params);
  const colors: Record<OutcomeStatus, string> = {
    successful: palette.success.main,
    failed: palette.error.main,
    aborted: palette.warning.main,
    canceled: palette.grey[500],
    expired: palette.secondary.main,
  };
  return (
    <BucketChartPanel
      title="kyc.analytics.status_trend.title"
      testId="status-trend"
      keys={OUTCOME_STATUSES}
      labelKey={(s) => `resources.identifications.choices.status.${s}`}
      colors={colors}
      answer={data}
      loading={isPending}
      error={error}
      filter={(start, range, status) => statusBarFilter(start, range, status, dims)}
    />
  );
};

const SPLITS = {
  permanence: ['permanent', 'temporary'],
  cause: ['user_caused', 'not_user_caused', 'unknown'],
} as const satisfies Record<string, readonly FailureSplit[]>;

/** Failures per bucket, split permanent vs temporary, or by whether the user caused them. */
export const FailureSplitPanel = ({ params, dims, split }: PanelProps & { split: keyof typeof SPLITS }) => {
  const { palette } = useTheme();
  const { data, isPending, error } = useAnalytics('failures', params);
  const colors: Record<FailureSplit, string> = {
    permanent: palette.error.main,
    temporary: palette.warning.light,
    user_caused: palette.warning.main,
    not_user_caused: palette.info.main,
    unknown: palette.grey[400],
  };
  return (
    <BucketChartPanel<FailureSplit>
      title={`kyc.analytics.${split}.title`}
      testId={split}
      keys={SPLITS[split]}
      labelKey={(key) => `kyc.analytics.splits.${key}`}
      colors={colors}
      answer={data}
      loading={isPending}
      error={error}
      filter={(start, range, key) => splitBarFilter(start, range, key, dims)}
    />
  );
};
