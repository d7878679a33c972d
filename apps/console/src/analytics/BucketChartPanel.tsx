import { useNavigate } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import { DrillBarChart } from './DrillBarChart';
import { identificationsLink, type OutcomeFilter } from './drillDown';
import { bucketLabels } from './format';
import { Panel } from './Panel';
import type { AnswerRange } from './types';

/** An answer with one point per bucket, each holding a count per key. */
export interface BucketAnswer<K extends string> {
  range: AnswerRange;
  series: ({ start: string } & Record<K, number>)[];
}

/**
 * A stacked bar per bucket of the range, one colour per key (its label an i18n key); a bar opens the
 * identifications behind exactly that bucket and key.
 */
export const BucketChartPanel = <K extends string>({
  title,
  testId,
  keys,
  labelKey,
  colors,
  answer,
  loading,
  error,
  filter,
}: {
  title: string;
  testId: string;
  keys: readonly K[];
  labelKey: (key: K) => string;
  colors: Record<K, string>;
  answer: BucketAnswer<K> | undefined;
  loading: boolean;
  error: Error | null;
  filter: (start: string, range: AnswerRange, key: K) => OutcomeFilter;
}) => {
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const navigate = useNavigate();
  return (
    <Panel title={title} testId={testId} loading={loading} error={error}>
      {answer && (
        <DrillBarChart
          testId={`${testId}-bar`}
          labels={bucketLabels(
            answer.series.map((p) => p.start),
            answer.range,
            locale,
          )}
          series={keys.map((key) => ({
            id: key,
            label: translate(labelKey(key)),
            color: colors[key],
            data: answer.series.map((p) => p[key]),
          }))}
          onBarClick={(key, index) => {
            const point = answer.series[index];
            if (point?.[key as K])
              void navigate(identificationsLink(filter(point.start, answer.range, key as K)));
          }}
        />
      )}
    </Panel>
  );
};
