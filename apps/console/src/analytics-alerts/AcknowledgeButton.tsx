import CheckIcon from '@mui/icons-material/Check';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import {
  Button,
  HttpError,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { AnalyticsAlert } from '../analytics/types';

const NOTE_MAX = 500;
const t = (key: string) => `resources.analytics-alerts.acknowledge.${key}`;

/**
 * Acknowledge an open alert with a note (1-500 characters; the server audits it with the officer's name).
 * Someone else's acknowledgement first (409) is said as such, and the list reloads either way.
 */
export const AcknowledgeButton = ({
  alert,
}: {
  alert: Pick<AnalyticsAlert, 'id' | 'reason' | 'acknowledged_at'>;
}) => {
  const { canAccess } = useCanAccess({ resource: 'analytics-alerts', action: 'acknowledge' });
  const [open, setOpen] = useState(false);
  if (!canAccess || alert.acknowledged_at) return null;
  return (
    <>
      <Button
        label={t('button')}
        onClick={(e) => {
          // Inside a clickable row, the button is not a click on the row.
          e.stopPropagation();
          setOpen(true);
        }}
      >
        <CheckIcon />
      </Button>
      {open && <AcknowledgeDialog alert={alert} onClose={() => setOpen(false)} />}
    </>
  );
};

const AcknowledgeDialog = ({
  alert,
  onClose,
}: {
  alert: Pick<AnalyticsAlert, 'id' | 'reason'>;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const valid = note.trim().length >= 1 && note.trim().length <= NOTE_MAX;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    try {
      await dataProvider.acknowledgeAlert(alert.id, note.trim());
      notify(t('done'), { type: 'success' });
    } catch (e) {
      if (e instanceof HttpError && e.status === 409) notify(t('already'), { type: 'warning' });
      else
        notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
      onClose();
      refresh();
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" onClick={(e) => e.stopPropagation()}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{translate(t('title'), { reason: alert.reason })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(t('content'))}</DialogContentText>
          <TextField
            name="note"
            label={translate(t('note'))}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && !valid}
            helperText={translate(touched && !valid ? t('note_invalid') : t('note_help'))}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX } }}
            multiline
            minRows={2}
            fullWidth
            autoFocus
            required
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} disabled={busy} />
          <Button label={t('submit')} type="submit" variant="contained" disabled={busy} />
        </DialogActions>
      </form>
    </Dialog>
  );
};
