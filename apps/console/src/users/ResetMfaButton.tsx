import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

/** Turn the user's MFA off (lost device): they enrol again at the next sign-in. */
export const ResetMfaButton = () => {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record) return null;

  const reset = async () => {
    setBusy(true);
    try {
      await dataProvider.resetMfa(record.id);
      notify('resources.users.reset_mfa.done', { type: 'success' });
      refresh();
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        label="resources.users.reset_mfa.button"
        onClick={() => setOpen(true)}
        disabled={!record.mfa_enabled}
      >
        <PhonelinkEraseIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="resources.users.reset_mfa.title"
        content="resources.users.reset_mfa.content"
        translateOptions={{ email: String(record.email) }}
        onConfirm={() => void reset()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
