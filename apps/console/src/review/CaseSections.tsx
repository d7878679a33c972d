import {
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  Button,
  Link,
  RecordContextProvider,
  useCanAccess,
  useCreatePath,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { EmptyText } from '../common/EmptyText';
import type { ConsoleDataProvider } from '../dataProvider';
import { StatusChip } from '../identifications/StatusChip';
import { ProposalActions } from './ProposalActions';
import type { ReviewCase } from './types';

/** A titled part of the case page (a labelled region, so a reader and a test can find it by name). */
export const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  const label = translate(`resources.review-cases.sections.${title}`);
  return (
    <Stack spacing={1} component="section" aria-label={label}>
      <Typography variant="subtitle1" component="h2" fontWeight="bold">
        {label}
      </Typography>
      {children}
    </Stack>
  );
};

const useDate = () => {
  const [locale = 'en'] = useLocaleState();
  return (value: string | null | undefined) => (value ? new Date(value).toLocaleString(locale) : '');
};

/** The person's other identifications, newest first, each a link to its case page. */
export const EarlierIdentifications = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const date = useDate();
  const rows = record?.earlier_identifications ?? [];
  if (!rows.length) return <EmptyText message="resources.review-cases.earlier.empty" />;
  const t = (key: string) => translate(`resources.identifications.fields.${key}`);
  return (
    <Table size="small" data-testid="earlier-identifications">
      <TableHead>
        <TableRow>
          <TableCell>{t('id')}</TableCell>
          <TableCell>{t('status')}</TableCell>
          <TableCell>{t('failure_reason')}</TableCell>
          <TableCell>{t('created_at')}</TableCell>
          <TableCell>{t('completed_at')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Link
                to={createPath({ resource: 'review-cases', id: r.id, type: 'show' })}
                sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}
              >
                {r.id}
              </Link>
            </TableCell>
            <TableCell>
              <RecordContextProvider value={r}>
                <StatusChip />
              </RecordContextProvider>
            </TableCell>
            <TableCell>{r.failure_reason ?? ''}</TableCell>
            <TableCell>{date(r.created_at)}</TableCell>
            <TableCell>{date(r.completed_at)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** Internal notes, oldest first, and a form to add one (append-only, never shown to partners). */
export const CaseNotes = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const date = useDate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'review-cases', action: 'note' });
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  // While the case loads, react-admin shows the queue's row, which has no notes.
  const notes = record.notes ?? [];
  const t = (key: string) => translate(`resources.review-cases.notes.${key}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    try {
      await dataProvider.addNote(record.id, body.trim());
      setBody('');
      notify('resources.review-cases.notes.added', { type: 'success' });
      refresh();
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1}>
      {notes.length ? (
        <Stack spacing={1} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="case-notes">
          {notes.map((n) => (
            <Stack key={n.id} component="li" sx={{ p: 1, bgcolor: 'action.hover', borderRadius: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {n.author_name ?? n.author_id} · {date(n.created_at)}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Typography>
            </Stack>
          ))}
        </Stack>
      ) : (
        <EmptyText message="resources.review-cases.notes.empty" />
      )}
      {canAccess && (
        <Stack
          component="form"
          direction="row"
          spacing={1}
          alignItems="flex-start"
          onSubmit={(e) => void submit(e)}
        >
          <TextField
            name="note"
            label={t('body')}
            helperText={t('help')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            multiline
            size="small"
            fullWidth
            slotProps={{ htmlInput: { maxLength: 4000 } }}
          />
          <Button
            label="resources.review-cases.notes.add"
            type="submit"
            variant="outlined"
            disabled={busy || !body.trim()}
          />
        </Stack>
      )}
    </Stack>
  );
};

const STATE_COLORS = {
  pending: 'secondary',
  confirmed: 'success',
  declined: 'error',
  superseded: 'default',
} as const;

/** The case's proposals with their state; a pending one can be confirmed or declined here too. */
export const CaseProposals = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  const date = useDate();
  const rows = record?.proposals ?? [];
  if (!rows.length) return <EmptyText message="resources.review-cases.proposals.empty" />;
  const t = (key: string) => translate(`resources.review-proposals.fields.${key}`);
  return (
    <Table size="small" data-testid="case-proposals">
      <TableHead>
        <TableRow>
          <TableCell>{t('action')}</TableCell>
          <TableCell>{t('reason_code')}</TableCell>
          <TableCell>{t('justification')}</TableCell>
          <TableCell>{t('proposed_by_name')}</TableCell>
          <TableCell>{t('proposed_at')}</TableCell>
          <TableCell>{t('state')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((p) => (
          <TableRow key={p.id} data-state={p.state}>
            <TableCell>
              {translate(`resources.review-proposals.choices.action.${p.action}`, { _: p.action })}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{p.reason_code}</TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{p.justification}</TableCell>
            <TableCell>{p.proposed_by_name ?? p.proposed_by}</TableCell>
            <TableCell>{date(p.proposed_at)}</TableCell>
            <TableCell>
              <Chip
                label={translate(`resources.review-proposals.choices.state.${p.state}`, { _: p.state })}
                color={STATE_COLORS[p.state]}
                size="small"
                data-testid="proposal-state"
              />
              {p.resolved_at && (
                <Typography variant="caption" display="block" color="text.secondary">
                  {date(p.resolved_at)}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <RecordContextProvider value={p}>
                <ProposalActions />
              </RecordContextProvider>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
