import { Box, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { duration, RunStatus } from './RunStatus';
import type { Job } from './types';

/** The cron expression and the setting that overrides it. */
export const ScheduleField = (_props: { label?: string }) => {
  const job = useRecordContext<Job>();
  if (!job) return null;
  return (
    <Box>
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }} data-testid="job-schedule">
        {job.schedule}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {job.schedule_setting}
      </Typography>
    </Box>
  );
};

/** Enabled or not, with its setting's name. */
export const EnabledField = (_props: { label?: string }) => {
  const job = useRecordContext<Job>();
  const translate = useTranslate();
  if (!job) return null;
  return (
    <Box>
      <Typography variant="body2">
        {translate(job.enabled ? 'resources.jobs.enabled_yes' : 'resources.jobs.enabled_no')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {job.enabled_setting}
      </Typography>
    </Box>
  );
};

/** The latest run: status, when, counts and duration. */
export const LastRunField = (_props: { label?: string }) => {
  const job = useRecordContext<Job>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const run = job?.last_run;
  if (!run) return <Typography variant="body2">{translate('resources.jobs.never')}</Typography>;
  return (
    <Box>
      <RunStatus status={run.status} />{' '}
      <Typography variant="body2" component="span">
        {new Date(run.started_at).toLocaleString(locale)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('resources.jobs.counts', {
          processed: run.processed,
          skipped: run.skipped,
          failed: run.failed,
          duration: duration(run.duration_ms),
        })}
      </Typography>
    </Box>
  );
};

/** Runs of the last 24 hours by status (only the statuses that occurred). */
export const Last24hField = (_props: { label?: string }) => {
  const job = useRecordContext<Job>();
  const translate = useTranslate();
  if (!job) return null;
  const parts = Object.entries(job.last_24h)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${translate(`resources.jobs.status.${status}`)}`);
  return <Typography variant="body2">{parts.length ? parts.join(', ') : '0'}</Typography>;
};
