import { useNavigate } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import { AnalyticsTable, type Column, CsvButton } from './AnalyticsTable';
import { identificationsLink, reasonFilter, reasonKey } from './drillDown';
import { csvFileName, percent } from './format';
import type { PanelProps } from './OutcomeCharts';
import { Panel } from './Panel';
import { ChangeCell, ReasonCode } from './ReasonCells';
import type { TopReason } from './types';
import { useAnalytics } from './useAnalytics';

const label = (key: string) => `kyc.analytics.top_reasons.${key}`;

/** The ten most frequent failure reasons, against the range of the same length before; a row drills down. */
export const TopReasonsPanel = ({ params, dims }: PanelProps) => {
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const navigate = useNavigate();
  const { data, isPending, error } = useAnalytics('top-reasons', { ...params, limit: '10' });
  const rows = data?.reasons ?? [];
  const columns: Column<TopReason>[] = [
    {
      key: 'code',
      label: label('code'),
      value: (r) => r.code ?? '',
      render: (r) => <ReasonCode code={r.code} />,
    },
    {
      key: 'category',
      label: label('category'),
      value: (r) => translate(`kyc.analytics.category.${r.category}`, { _: r.category }),
    },
    { key: 'count', label: label('count'), value: (r) => r.count, numeric: true },
    {
      key: 'share',
      label: label('share'),
      value: (r) => r.share,
      render: (r) => percent(r.share, locale),
      numeric: true,
    },
    { key: 'previous_count', label: label('previous_count'), value: (r) => r.previous_count, numeric: true },
    {
      key: 'change',
      label: label('change'),
      value: (r) => r.change,
      render: (r) => (
        <ChangeCell
          change={r.change}
          text={`${r.change > 0 ? '+' : ''}${r.change}${r.change_share === null ? '' : ` (${percent(r.change_share, locale)})`}`}
        />
      ),
      numeric: true,
    },
    { key: 'change_share', label: label('change_share'), value: (r) => r.change_share, table: false },
  ];
  return (
    <Panel
      title={label('title')}
      testId="top-reasons"
      loading={isPending}
      error={error}
      actions={<CsvButton fileName={csvFileName('top-reasons', data?.range)} columns={columns} rows={rows} />}
    >
      {data && (
        <AnalyticsTable
          testId="top-reasons-table"
          columns={columns}
          rows={rows}
          rowKey={reasonKey}
          onRowClick={(r) => void navigate(identificationsLink(reasonFilter(r, data.range, dims)))}
        />
      )}
    </Panel>
  );
};
