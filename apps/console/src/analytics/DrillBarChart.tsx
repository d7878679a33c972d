import { BarChart } from '@mui/x-charts/BarChart';

export interface BarSeriesData {
  id: string;
  label: string;
  color: string;
  data: number[];
}

/**
 * A stacked bar chart whose bars open the identifications behind them. Every bar carries
 * `data-testid="<testId>-<series>-<index>"` and an aria-label with its category, series and count, so
 * tests and screen readers find the same bar the mouse does. No animation: the bars are where they end.
 */
export const DrillBarChart = ({
  testId,
  labels,
  series,
  onBarClick,
  height = 280,
  horizontal = false,
  stacked = true,
}: {
  testId: string;
  labels: string[];
  series: BarSeriesData[];
  onBarClick: (seriesId: string, index: number) => void;
  height?: number;
  horizontal?: boolean;
  stacked?: boolean;
}) => {
  const band = [{ scaleType: 'band' as const, data: labels }];
  const byId = new Map(series.map((s) => [s.id, s]));
  return (
    <BarChart
      height={height}
      skipAnimation
      layout={horizontal ? 'horizontal' : 'vertical'}
      {...(horizontal ? { yAxis: band } : { xAxis: band })}
      series={series.map((s) => ({
        id: s.id,
        label: s.label,
        color: s.color,
        data: s.data,
        ...(stacked ? { stack: 'all' } : {}),
      }))}
      onItemClick={(_, item) => onBarClick(String(item.seriesId), item.dataIndex)}
      slotProps={{
        bar: ({ seriesId, dataIndex }) => {
          const s = byId.get(String(seriesId));
          return {
            'data-testid': `${testId}-${String(seriesId)}-${dataIndex}`,
            'aria-label': `${labels[dataIndex]}, ${s?.label ?? ''}: ${s?.data[dataIndex] ?? 0}`,
            'data-count': s?.data[dataIndex] ?? 0,
          };
        },
      }}
    />
  );
};
