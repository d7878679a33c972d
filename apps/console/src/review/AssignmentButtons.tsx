import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import PanToolIcon from '@mui/icons-material/PanTool';
import LogoutIcon from '@mui/icons-material/Logout';
import {
  Alert,
  Autocomplete,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { ReviewCase } from './types';

interface Colleague {
  id: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The active compliance officers (GET /admin/review-officers), but for oneself and the holder. */
function useColleagues(record: ReviewCase, me: string | undefined): Colleague[] {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { data } = useQuery({ queryKey: ['review-officers'], queryFn: () => dataProvider.reviewOfficers() });
  return useMemo(
    () =>
      (data ?? [])
        .filter((o) => o.id !== me && o.id !== record.assignee_id)
        .map((o) => ({ id: o.id, name: o.display_name })),
    [data, record, me],
  );
}

/** Claim a free case, release one's own, or hand it to a colleague; the server keeps one holder (409). */
export const AssignmentButtons = () => {
  const record = useRecordContext<ReviewCase>();
  const { identity } = useGetIdentity();
  const { canAccess } = useCanAccess({ resource: 'review-cases', action: 'assign' });
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [assigning, setAssigning] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record?.case_open || !canAccess || !identity) return null;
  const mine = record.assignee_id === identity.id;
  const free = !record.assignee_id;

  const run = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await call();
      notify(done, { type: 'success' });
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <>
      {free && (
        <Button
          label="resources.review-cases.assign.claim"
          disabled={busy}
          onClick={() =>
            void run(() => dataProvider.claimCase(record.id), 'resources.review-cases.assign.claimed')
          }
        >
          <PanToolIcon />
        </Button>
      )}
      {mine && (
        <Button
          label="resources.review-cases.assign.release"
          disabled={busy}
          onClick={() =>
            void run(() => dataProvider.releaseCase(record.id), 'resources.review-cases.assign.released')
          }
        >
          <LogoutIcon />
        </Button>
      )}
      {(free || mine) && (
        <Button
          label="resources.review-cases.assign.assign"
          disabled={busy}
          onClick={() => setAssigning(true)}
        >
          <AssignmentIndIcon />
        </Button>
      )}
      {assigning && (
        <AssignDialog record={record} me={String(identity.id)} onClose={() => setAssigning(false)} />
      )}
    </>
  );
};

const AssignDialog = ({ record, me, onClose }: { record: ReviewCase; me: string; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const colleagues = useColleagues(record, me);
  const [value, setValue] = useState<Colleague | string | null>(null);
  const [error, setError] = useState<string>();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.review-cases.assign.${key}`, options);
  const chosen = typeof value === 'string' ? { id: value.trim(), name: value.trim() } : value;
  const valid = !!chosen && UUID.test(chosen.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !valid) return setError(t('invalid'));
    try {
      await dataProvider.assignCase(record.id, chosen.id);
      notify('resources.review-cases.assign.assigned', {
        type: 'success',
        messageArgs: { name: chosen.name },
      });
      refresh();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="assign-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="assign-title">{t('title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Autocomplete
              freeSolo
              options={colleagues}
              value={value}
              onChange={(_e, v) => setValue(v)}
              onInputChange={(_e, v, reason) => reason === 'input' && setValue(v)}
              getOptionLabel={(o) => (typeof o === 'string' ? o : o.name)}
              renderInput={(params) => (
                <TextField
                  {...params}
                  name="assignee_id"
                  label={t('colleague')}
                  helperText={t('colleague_help')}
                />
              )}
            />
            {error && <Alert severity="error">{error}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <Button label="resources.review-cases.assign.assign" type="submit" variant="contained" />
        </DialogActions>
      </form>
    </Dialog>
  );
};
