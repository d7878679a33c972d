import { DateField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { JsonField } from '../common/JsonField';

export const AuditEventShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <DateField source="occurred_at" showTime />
      <TextField source="actor_type" />
      <TextField source="actor_id" />
      <TextField source="actor_email" />
      <TextField source="role" />
      <TextField source="action" />
      <TextField source="entity_type" />
      <TextField source="entity_id" />
      <JsonField source="diff" />
      <TextField source="request_id" />
      <TextField source="ip" />
    </SimpleShowLayout>
  </Show>
);
