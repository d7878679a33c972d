import { DateField, SelectField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { StatusToggleButton } from '../common/StatusToggleButton';
import { RotateSecretButton } from './RotateSecretButton';
import { STATUS_CHOICES } from './choices';

const Actions = () => (
  <TopToolbar>
    <RotateSecretButton />
    <StatusToggleButton />
  </TopToolbar>
);

export const PartnerClientShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="partner_name" />
      <TextField source="partner_id" />
      <SelectField source="status" choices={STATUS_CHOICES} />
      <DateField source="created_at" showTime />
      <DateField source="last_used_at" showTime />
    </SimpleShowLayout>
  </Show>
);
