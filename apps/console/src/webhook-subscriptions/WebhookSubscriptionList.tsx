import { DataTable, DateField, List, NumberField, SelectField, SelectInput, TextInput } from 'react-admin';
import { EVENT_TYPE_CHOICES, STATE_CHOICES } from './choices';

const filters = [
  <TextInput key="partner_id" source="partner_id" alwaysOn />,
  <SelectInput key="event_type" source="event_type" choices={EVENT_TYPE_CHOICES} translateChoice={false} />,
  <SelectInput key="state" source="state" choices={STATE_CHOICES} />,
  <TextInput key="url" source="url" />,
];

export const WebhookSubscriptionList = () => (
  <List sort={{ field: 'created_at', order: 'DESC' }} filters={filters} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="partner_id" />
      <DataTable.Col source="event_type" />
      <DataTable.Col source="url" disableSort />
      <DataTable.Col source="state" disableSort>
        <SelectField source="state" choices={STATE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="pending_deliveries" disableSort>
        <NumberField source="pending_deliveries" />
      </DataTable.Col>
      <DataTable.Col source="failed_deliveries" disableSort>
        <NumberField source="failed_deliveries" />
      </DataTable.Col>
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
