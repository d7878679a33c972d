import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';

interface Attempt {
  attempt: number;
  started_at: string;
  latency_ms: number | null;
  response_status: number | null;
  error: string | null;
  response_head: string | null;
}

const COLUMNS = ['attempt', 'started_at', 'latency_ms', 'response_status', 'error', 'response_head'] as const;

/** Every attempt of one delivery, oldest first, as the server logged it. */
export const AttemptLog = (_props: { label?: string }) => {
  const record = useRecordContext<{ id: string; attempt_log?: Attempt[] }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const attempts = record?.attempt_log ?? [];
  const t = (key: string) => translate(`resources.webhook-deliveries.attempt_log.${key}`);
  if (!attempts.length) return <Typography variant="body2">{t('empty')}</Typography>;
  return (
    <Table size="small" aria-label={t('title')} data-testid="attempt-log">
      <TableHead>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableCell key={c}>{t(c)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {attempts.map((a) => (
          <TableRow key={a.attempt}>
            <TableCell>{a.attempt}</TableCell>
            <TableCell>{new Date(a.started_at).toLocaleString(locale)}</TableCell>
            <TableCell>{a.latency_ms ?? ''}</TableCell>
            <TableCell>{a.response_status ?? ''}</TableCell>
            <TableCell>{a.error ?? ''}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.75rem', whiteSpace: 'pre-wrap' }}>
              {a.response_head ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
