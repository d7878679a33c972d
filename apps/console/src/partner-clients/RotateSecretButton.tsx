import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useState } from 'react';
import { useDataProvider, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { ConsoleDataProvider } from '../dataProvider';
import { SecretDialog } from './SecretDialog';

/** A new secret for the client (the old one stops working); the new one is shown once. */
export const RotateSecretButton = () => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [secret, setSecret] = useState<string>();
  if (!record) return null;
  return (
    <>
      <ConfirmActionButton
        label="resources.partner-clients.rotate.button"
        icon={<AutorenewIcon />}
        title="resources.partner-clients.rotate.title"
        content="resources.partner-clients.rotate.content"
        translateOptions={{ id: String(record.id) }}
        done="resources.partner-clients.rotate.done"
        action={async () => setSecret((await dataProvider.rotateSecret(record.id)).secret)}
      />
      <SecretDialog clientId={String(record.id)} secret={secret} onClose={() => setSecret(undefined)} />
    </>
  );
};
