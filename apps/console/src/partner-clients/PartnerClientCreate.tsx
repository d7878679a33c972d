import { useState } from 'react';
import { Create, type RaRecord, required, SimpleForm, TextInput, useNotify, useRedirect } from 'react-admin';
import { SecretDialog } from './SecretDialog';

type CreatedClient = RaRecord & { secret: string };

/** Creating a client answers its secret once: show it, then go to the client. */
export const PartnerClientCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const [created, setCreated] = useState<CreatedClient>();
  return (
    <>
      <Create
        mutationOptions={{
          onSuccess: (data: CreatedClient) => {
            notify('ra.notification.created', { type: 'success', messageArgs: { smart_count: 1 } });
            setCreated(data);
          },
        }}
      >
        <SimpleForm>
          <TextInput source="partner_name" validate={required()} />
          <TextInput source="partner_id" />
        </SimpleForm>
      </Create>
      <SecretDialog
        clientId={String(created?.id ?? '')}
        secret={created?.secret}
        onClose={() => {
          const id = created?.id;
          setCreated(undefined);
          if (id !== undefined) redirect('show', 'partner-clients', id);
        }}
      />
    </>
  );
};
