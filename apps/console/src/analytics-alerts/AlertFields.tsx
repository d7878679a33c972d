import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { AnalyticsAlert } from '../analytics/types';
import { AcknowledgeButton } from './AcknowledgeButton';

type FieldProps = { label?: string; source?: string };

/** Open (amber) or acknowledged. */
export const AlertStateChip = (_props: FieldProps) => {
  const record = useRecordContext<AnalyticsAlert>();
  const translate = useTranslate();
  if (!record) return null;
  const state = record.acknowledged_at ? 'acknowledged' : 'open';
  return (
    <Chip
      size="small"
      color={state === 'open' ? 'warning' : 'default'}
      label={translate(`resources.analytics-alerts.state.${state}`)}
      data-testid="alert-state"
    />
  );
};

/** The outcome category of the alert's reason, in words. */
export const AlertCategoryField = (_props: FieldProps) => {
  const record = useRecordContext<AnalyticsAlert>();
  const translate = useTranslate();
  if (!record?.category) return null;
  return <>{translate(`kyc.analytics.category.${record.category}`, { _: record.category })}</>;
};

/** "12 in the hour: 4.5× the usual 2.7 per hour (at least 10 needed)". */
export const AlertExplanation = (_props: FieldProps) => {
  const record = useRecordContext<AnalyticsAlert>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      {translate('resources.analytics-alerts.explanation', {
        observed: record.observed,
        factor: record.factor,
        baseline: record.baseline,
        min_volume: record.min_volume,
      })}
    </>
  );
};

/** The record's Acknowledge button (nothing once acknowledged). */
export const AcknowledgeField = (_props: FieldProps) => {
  const record = useRecordContext<AnalyticsAlert>();
  return record ? <AcknowledgeButton alert={record} /> : null;
};
