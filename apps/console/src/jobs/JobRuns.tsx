import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useGetList, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { duration, RunStatus } from './RunStatus';
import type { Job, JobRun } from './types';

const COLUMNS = [
  'started_at',
  'trigger',
  'status',
  'processed',
  'skipped',
  'failed',
  'duration',
  'outcome',
] as const;

/** The job's latest runs, newest first; a drift report run links to its report. */
export const JobRuns = (_props: { label?: string }) => {
  const job = useRecordContext<Job>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending } = useGetList<JobRun>(
    'job-runs',
    {
      filter: { job: job?.id },
      sort: { field: 'started_at', order: 'DESC' },
      pagination: { page: 1, perPage: 25 },
    },
    { enabled: !!job },
  );
  const t = (key: string) => translate(`resources.jobs.runs.${key}`);
  if (isPending) return null;
  if (!data?.length) return <Typography variant="body2">{t('empty')}</Typography>;
  return (
    <Table size="small" aria-label={t('title')} data-testid="job-runs">
      <TableHead>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableCell key={c}>{t(c)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((r) => (
          <TableRow key={r.id} data-testid="job-run">
            <TableCell>{new Date(r.started_at).toLocaleString(locale)}</TableCell>
            <TableCell>
              {translate(`resources.jobs.trigger.${r.trigger}`)}
              {r.dry_run ? ` (${t('dry_run')})` : ''}
            </TableCell>
            <TableCell>
              <RunStatus status={r.status} />
            </TableCell>
            <TableCell>{r.processed}</TableCell>
            <TableCell>{r.skipped}</TableCell>
            <TableCell>{r.failed}</TableCell>
            <TableCell>{duration(r.duration_ms)}</TableCell>
            <TableCell>
              <Outcome run={r} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const Outcome = ({ run }: { run: JobRun }) => {
  const translate = useTranslate();
  if (run.error) return <>{run.error}</>;
  const report = run.summary?.report_id;
  if (typeof report === 'string')
    return (
      <Link to={`/drift-reports/${encodeURIComponent(report)}/show`}>
        {translate('resources.jobs.runs.report')}
      </Link>
    );
  return null;
};
