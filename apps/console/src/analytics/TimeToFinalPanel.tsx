import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { AnalyticsTable, type Column, CsvButton } from './AnalyticsTable';
import { csvFileName, humanDuration } from './format';
import type { PanelProps } from './OutcomeCharts';
import { Panel } from './Panel';
import type { DurationSummary, TimeToFinal } from './types';
import { useAnalytics } from './useAnalytics';

type Row = DurationSummary & { key: string; group: string };
const label = (key: string) => `kyc.analytics.time_to_final.${key}`;

/** Overall, then per final status, then per path taken (the statuses in order). */
function toRows(
  data: TimeToFinal,
  status: (s: string) => string,
  translate: (k: string, o?: object) => string,
): Row[] {
  return [
    { key: 'overall', group: translate(label('overall')), ...data.overall },
    ...data.by_status.map((s) => ({
      ...s,
      key: `status-${s.status}`,
      group: translate(label('by_status'), { status: status(s.status) }),
    })),
    ...data.by_path.map((p) => ({
      ...p,
      key: `path-${p.path.join('-')}`,
      group: translate(label('by_path'), { path: p.path.map(status).join(' → ') }),
    })),
  ];
}

/** Median and 90th percentile of the time from creation to the final status, human-readable. */
export const TimeToFinalPanel = ({ params }: Pick<PanelProps, 'params'>) => {
  const translate = useTranslate();
  const { data, isPending, error } = useAnalytics('time-to-final', params);
  const status = (s: string) => translate(`resources.identifications.choices.status.${s}`, { _: s });
  const rows = data ? toRows(data, status, translate) : [];
  const columns: Column<Row>[] = [
    { key: 'group', label: label('group'), value: (r) => r.group },
    { key: 'count', label: label('count'), value: (r) => r.count, numeric: true },
    {
      key: 'median',
      label: label('median'),
      value: (r) => r.median_seconds,
      render: (r) => humanDuration(r.median_seconds),
      numeric: true,
    },
    {
      key: 'p90',
      label: label('p90'),
      value: (r) => r.p90_seconds,
      render: (r) => humanDuration(r.p90_seconds),
      numeric: true,
    },
  ];
  return (
    <Panel
      title={label('title')}
      testId="time-to-final"
      loading={isPending}
      error={error}
      actions={
        <CsvButton fileName={csvFileName('time-to-final', data?.range)} columns={columns} rows={rows} />
      }
    >
      {data && (
        <>
          <AnalyticsTable testId="time-to-final-table" columns={columns} rows={rows} rowKey={(r) => r.key} />
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {translate(label('resolution'))}
          </Typography>
        </>
      )}
    </Panel>
  );
};
