import ReplayIcon from '@mui/icons-material/Replay';
import { useCanAccess, useDataProvider, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { ConsoleDataProvider } from '../dataProvider';

/** Send one finished delivery again under its webhook id; shown only to who may (`webhooks.redeliver`). */
export const RedeliverButton = () => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'webhook-deliveries', action: 'redeliver' });
  if (!record || !canAccess) return null;
  return (
    <ConfirmActionButton
      label="resources.webhook-deliveries.redeliver.button"
      icon={<ReplayIcon />}
      title="resources.webhook-deliveries.redeliver.title"
      content="resources.webhook-deliveries.redeliver.content"
      translateOptions={{ id: String(record.id) }}
      done="resources.webhook-deliveries.redeliver.done"
      action={() => dataProvider.redeliver(record.id)}
      disabled={record.status === 'pending'}
    />
  );
};
