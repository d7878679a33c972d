import CancelIcon from '@mui/icons-material/Cancel';
import ReplayIcon from '@mui/icons-material/Replay';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import {
  Alert,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, type ReactElement, useState } from 'react';
import {
  Button,
  type Identifier,
  useCanAccess,
  useDataProvider,
  useListContext,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { JUSTIFICATION_MAX, justificationValid, ReasonFields, type ReasonValue } from './ReasonFields';
import type { BulkResult, DecisionOutcome, ReidentificationOutcome } from './types';

type Kind = 'reject' | 'retry' | 'reidentify';
type Row = BulkResult<DecisionOutcome> | BulkResult<ReidentificationOutcome>;

const ICONS: Record<Kind, ReactElement> = {
  reject: <CancelIcon />,
  retry: <ReplayIcon />,
  reidentify: <RestartAltIcon />,
};

/** What happened to one item, in words: decided (to which status), proposed, re-identified, or failed. */
function useOutcome() {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.review-cases.bulk.${key}`, options);
  return (row: Row): { text: string; kind: 'done' | 'proposed' | 'failed' } => {
    if (!row.ok) return { text: t('failed', { status: row.status, detail: row.detail }), kind: 'failed' };
    const r = row.result;
    if ('outcome' in r) {
      if (r.outcome === 'proposed') return { text: t('proposed'), kind: 'proposed' };
      const status = translate(`resources.identifications.choices.status.${r.identification.status}`, {
        _: r.identification.status,
      });
      return { text: t('decided', { status }), kind: 'done' };
    }
    if (r.mode === 'proposed') return { text: t('proposed'), kind: 'proposed' };
    if (r.mode === 'not_started') return { text: t('not_started', { reason: r.reason }), kind: 'failed' };
    return { text: t(`reidentified_${r.mode}`), kind: 'done' };
  };
}

const COLORS = { done: 'success.main', proposed: 'secondary.main', failed: 'error.main' } as const;

/** Reject, send back or re-identify the selected cases; the dialog then shows each case's result. */
export const BulkActionButton = ({ kind }: { kind: Kind }) => {
  const { selectedIds, resource } = useListContext();
  const { canAccess } = useCanAccess({
    resource: 'review-cases',
    action: kind === 'reidentify' ? 'reidentify' : 'decide',
  });
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button label={`resources.review-cases.bulk.${kind}`} onClick={() => setOpen(true)}>
        {ICONS[kind]}
      </Button>
      {open && (
        <BulkDialog kind={kind} resource={resource} ids={selectedIds} onClose={() => setOpen(false)} />
      )}
    </>
  );
};

const BulkDialog = ({
  kind,
  resource,
  ids,
  onClose,
}: {
  kind: Kind;
  resource: string;
  ids: Identifier[];
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const outcome = useOutcome();
  const [value, setValue] = useState<ReasonValue>({ reason_code: '', justification: '' });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [results, setResults] = useState<Row[]>();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.review-cases.bulk.${key}`, options);
  const justification = value.justification.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (kind === 'reidentify') {
      if (justification && !justificationValid(justification)) return;
    } else if (!value.reason_code || !justificationValid(justification)) return;
    setBusy(true);
    setError(undefined);
    try {
      const { results } =
        kind === 'reidentify'
          ? await dataProvider.bulkReidentify(ids, justification || undefined)
          : await dataProvider.bulkDecide({
              ids,
              action: kind,
              reason_code: value.reason_code,
              justification,
            });
      setResults(results);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (results) {
      unselectAll();
      refresh();
    }
    onClose();
  };

  const counts = results
    ?.map(outcome)
    .reduce((c, o) => ({ ...c, [o.kind]: c[o.kind] + 1 }), { done: 0, proposed: 0, failed: 0 });

  return (
    <Dialog open onClose={close} fullWidth maxWidth="md" aria-labelledby="bulk-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="bulk-title">{t(`title_${kind}`, { smart_count: ids.length })}</DialogTitle>
        <DialogContent>
          {results && counts ? (
            <Stack spacing={2} data-testid="bulk-results">
              <Typography>{t('summary', counts)}</Typography>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('resources.review-cases.fields.id')}</TableCell>
                    <TableCell>{t('result')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {results.map((row) => {
                    const o = outcome(row);
                    return (
                      <TableRow key={row.id} data-outcome={o.kind}>
                        <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>{row.id}</TableCell>
                        <TableCell sx={{ color: COLORS[o.kind] }}>{o.text}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </Stack>
          ) : kind === 'reidentify' ? (
            <Stack spacing={2} sx={{ pt: 1 }}>
              <Typography variant="body2">{t('reidentify_help')}</Typography>
              <TextField
                name="justification"
                label={translate('resources.review-cases.decide.justification')}
                value={value.justification}
                onChange={(e) => setValue({ ...value, justification: e.target.value })}
                error={touched && !!justification && !justificationValid(justification)}
                helperText={t('reidentify_justification_help')}
                multiline
                minRows={3}
                fullWidth
                slotProps={{ htmlInput: { maxLength: JUSTIFICATION_MAX } }}
              />
            </Stack>
          ) : (
            <ReasonFields action={kind} value={value} onChange={setValue} touched={touched} />
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          {busy && <CircularProgress size={20} />}
          {results ? (
            <Button label="kyc.action.close" onClick={close} />
          ) : (
            <>
              <Button label="ra.action.cancel" onClick={close} />
              <Button
                label={`resources.review-cases.bulk.${kind}`}
                type="submit"
                variant="contained"
                disabled={busy}
              />
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
};
