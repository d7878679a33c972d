import { Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { AnalyticsTable, type Column, CsvButton } from './AnalyticsTable';
import { reasonKey } from './drillDown';
import { csvFileName, percent } from './format';
import type { PanelProps } from './OutcomeCharts';
import { Panel } from './Panel';
import { ReasonCode } from './ReasonCells';
import type { RetryReason } from './types';
import { useAnalytics } from './useAnalytics';

const label = (key: string) => `kyc.analytics.retries.${key}`;

/** Of the re-identifications after each reason, how many ended successful. */
export const RetriesPanel = ({ params }: Pick<PanelProps, 'params'>) => {
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const { data, isPending, error } = useAnalytics('retries', params);
  const rows = data?.by_reason ?? [];
  const columns: Column<RetryReason>[] = [
    {
      key: 'previous_reason',
      label: label('previous_reason'),
      value: (r) => r.previous_reason ?? '',
      render: (r) => <ReasonCode code={r.previous_reason} />,
    },
    {
      key: 'category',
      label: 'kyc.analytics.top_reasons.category',
      value: (r) => translate(`kyc.analytics.category.${r.category}`, { _: r.category }),
    },
    {
      key: 'reidentifications',
      label: label('reidentifications'),
      value: (r) => r.reidentifications,
      numeric: true,
    },
    { key: 'successful', label: label('successful'), value: (r) => r.successful, numeric: true },
    {
      key: 'success_rate',
      label: label('success_rate'),
      value: (r) => r.success_rate,
      render: (r) => percent(r.success_rate, locale),
      numeric: true,
    },
  ];
  return (
    <Panel
      title={label('title')}
      testId="retries"
      loading={isPending}
      error={error}
      actions={<CsvButton fileName={csvFileName('retries', data?.range)} columns={columns} rows={rows} />}
    >
      {data && (
        <>
          <Typography variant="body2" sx={{ mb: 1 }} data-testid="retries-summary">
            {translate(label('summary'), {
              reidentifications: data.reidentifications,
              successful: data.successful,
              rate: percent(data.success_rate, locale),
            })}
          </Typography>
          <AnalyticsTable
            testId="retries-table"
            columns={columns}
            rows={rows}
            rowKey={(r) => reasonKey({ ...r, code: r.previous_reason })}
          />
        </>
      )}
    </Panel>
  );
};
