import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { SecretDialog } from './SecretDialog';

/** A new secret for the client (the old one stops working); the new one is shown once. */
export const RotateSecretButton = () => {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string>();
  if (!record) return null;

  const rotate = async () => {
    setBusy(true);
    try {
      const rotated = await dataProvider.rotateSecret(record.id);
      notify('resources.partner-clients.rotate.done', { type: 'success' });
      setSecret(rotated.secret);
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Button label="resources.partner-clients.rotate.button" onClick={() => setConfirming(true)}>
        <AutorenewIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title="resources.partner-clients.rotate.title"
        content="resources.partner-clients.rotate.content"
        translateOptions={{ id: String(record.id) }}
        onConfirm={() => void rotate()}
        onClose={() => setConfirming(false)}
      />
      <SecretDialog
        clientId={String(record.id)}
        secret={secret}
        onClose={() => {
          setSecret(undefined);
          refresh();
        }}
      />
    </>
  );
};
