import { Button, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import { AcknowledgeButton } from '../analytics-alerts/AcknowledgeButton';
import { AnalyticsTable, type Column, CsvButton } from './AnalyticsTable';
import { Panel } from './Panel';
import { ReasonCode } from './ReasonCells';
import type { AnalyticsAlert } from './types';

const field = (key: string) => `resources.analytics-alerts.fields.${key}`;

/** The newest open failure-rate alerts (up to ten), each acknowledged here with a note. */
export const OpenAlertsPanel = () => {
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const { data, isPending, error } = useGetList<AnalyticsAlert>('analytics-alerts', {
    filter: { open: true },
    sort: { field: 'raised_at', order: 'DESC' },
    pagination: { page: 1, perPage: 10 },
  });
  const rows = data ?? [];
  const time = (iso: string) =>
    new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
  // The panel is narrow: the hour under the reason, the baseline and factor beside the count.
  const columns: Column<AnalyticsAlert>[] = [
    {
      key: 'reason',
      label: field('reason'),
      value: (a) => a.reason,
      render: (a) => (
        <>
          <ReasonCode code={a.reason} />
          <Typography variant="caption" color="text.secondary" component="div">
            {time(a.hour)}
          </Typography>
        </>
      ),
    },
    { key: 'hour', label: field('hour'), value: (a) => a.hour, table: false },
    {
      key: 'observed',
      label: field('observed'),
      value: (a) => a.observed,
      render: (a) => translate('kyc.analytics.alerts.observed', { observed: a.observed, factor: a.factor }),
      numeric: true,
    },
    { key: 'baseline', label: field('baseline'), value: (a) => a.baseline, table: false },
    { key: 'factor', label: field('factor'), value: (a) => a.factor, table: false },
    {
      key: 'acknowledge',
      label: 'resources.analytics-alerts.acknowledge.button',
      value: () => '',
      render: (a) => <AcknowledgeButton alert={a} />,
      csv: false,
    },
  ];

  return (
    <Panel
      title="kyc.analytics.alerts.title"
      testId="open-alerts"
      loading={isPending}
      error={error}
      actions={
        <>
          <CsvButton fileName="open-alerts.csv" columns={columns} rows={rows} />
          <Button size="small" component={Link} to="/analytics-alerts">
            {translate('kyc.analytics.alerts.all')}
          </Button>
        </>
      }
    >
      {rows.length ? (
        <AnalyticsTable
          testId="open-alerts-table"
          columns={columns}
          rows={rows}
          rowKey={(a) => String(a.id)}
        />
      ) : (
        translate('kyc.analytics.alerts.none')
      )}
    </Panel>
  );
};
