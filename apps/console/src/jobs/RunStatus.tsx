import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { JobRun } from './types';

const COLOR = { running: 'info', succeeded: 'success', failed: 'error', interrupted: 'warning' } as const;

/** A run's status as a coloured chip. */
export const RunStatus = ({ status }: { status: JobRun['status'] }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COLOR[status]}
      label={translate(`resources.jobs.status.${status}`)}
      data-testid="run-status"
    />
  );
};

/** Milliseconds as a short duration: 850 ms, 12.3 s, 4 min 5 s. */
export function duration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
