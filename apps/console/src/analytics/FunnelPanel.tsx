import { useTheme } from '@mui/material';
import { useNavigate } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import { AnalyticsTable, type Column, CsvButton } from './AnalyticsTable';
import { DrillBarChart } from './DrillBarChart';
import { funnelFilter, identificationsLink } from './drillDown';
import { csvFileName, percent } from './format';
import type { PanelProps } from './OutcomeCharts';
import { Panel } from './Panel';
import type { Funnel } from './types';
import { useAnalytics } from './useAnalytics';

type Step = Funnel['steps'][number];
const label = (key: string) => `kyc.analytics.funnel.${key}`;

/**
 * Identifications created in the range, and how many were requested, reached review and ended
 * successful, with the drop-off at each step; a bar or a row opens that step's identifications.
 */
export const FunnelPanel = ({ params, dims }: PanelProps) => {
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const navigate = useNavigate();
  const { palette } = useTheme();
  const { data, isPending, error } = useAnalytics('funnel', params);
  const steps = data?.steps ?? [];
  const open = (step: Step) => {
    if (data) void navigate(identificationsLink(funnelFilter(step.step, data.range, dims)));
  };
  const stepName = (s: Step) => translate(label(`steps.${s.step}`));
  const columns: Column<Step>[] = [
    { key: 'step', label: label('step'), value: stepName },
    { key: 'count', label: label('count'), value: (s) => s.count, numeric: true },
    {
      key: 'conversion',
      label: label('conversion'),
      value: (s) => s.conversion,
      render: (s) => percent(s.conversion, locale),
      numeric: true,
    },
    {
      key: 'drop_off',
      label: label('drop_off'),
      value: (s) => s.drop_off,
      render: (s) => `${s.drop_off} (${percent(s.drop_off_share, locale)})`,
      numeric: true,
    },
    { key: 'drop_off_share', label: label('drop_off_share'), value: (s) => s.drop_off_share, table: false },
  ];
  return (
    <Panel
      title={label('title')}
      testId="funnel"
      loading={isPending}
      error={error}
      actions={<CsvButton fileName={csvFileName('funnel', data?.range)} columns={columns} rows={steps} />}
    >
      {data && (
        <>
          <DrillBarChart
            testId="funnel-bar"
            height={220}
            labels={steps.map(stepName)}
            series={[
              {
                id: 'count',
                label: translate(label('count')),
                color: palette.primary.main,
                data: steps.map((s) => s.count),
              },
            ]}
            onBarClick={(_, index) => {
              if (steps[index]?.count) open(steps[index]);
            }}
            stacked={false}
          />
          <AnalyticsTable
            testId="funnel-table"
            columns={columns}
            rows={steps}
            rowKey={(s) => s.step}
            onRowClick={open}
          />
        </>
      )}
    </Panel>
  );
};
