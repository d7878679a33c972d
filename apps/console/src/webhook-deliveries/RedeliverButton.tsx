import ReplayIcon from '@mui/icons-material/Replay';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

/** Send one finished delivery again under its webhook id (like the demo's AcceptButton: a call and a notification). */
export const RedeliverButton = () => {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'webhook-deliveries', action: 'redeliver' });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record || !canAccess) return null;

  const redeliver = async () => {
    setBusy(true);
    try {
      await dataProvider.redeliver(record.id);
      notify('resources.webhook-deliveries.redeliver.done', { type: 'success' });
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
        label="resources.webhook-deliveries.redeliver.button"
        onClick={() => setOpen(true)}
        disabled={record.status === 'pending'}
      >
        <ReplayIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="resources.webhook-deliveries.redeliver.title"
        content="resources.webhook-deliveries.redeliver.content"
        translateOptions={{ id: String(record.id) }}
        onConfirm={() => void redeliver()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
