import LockResetIcon from '@mui/icons-material/LockReset';
import { Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { Button, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

/** Set a new password for the user; the server's policy decides, and its message is shown under the field. */
export const ResetPasswordButton = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!record) return null;

  const close = () => {
    setOpen(false);
    setPassword('');
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await dataProvider.resetPassword(record.id, password);
      close();
      notify('resources.users.reset_password.done', { type: 'success' });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label="resources.users.reset_password.button" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
        <form onSubmit={(e) => void submit(e)}>
          <DialogTitle>
            {translate('resources.users.reset_password.title', { email: String(record.email) })}
          </DialogTitle>
          <DialogContent>
            <TextField
              name="new-password"
              type="password"
              autoComplete="new-password"
              label={translate('resources.users.reset_password.new_password')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={!!error}
              helperText={error ?? ' '}
              fullWidth
              autoFocus
              margin="dense"
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <Button
              label="ra.action.confirm"
              type="submit"
              variant="contained"
              disabled={busy || !password}
            />
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
