import {
  DataTable,
  DateField,
  DateTimeInput,
  FilterButton,
  List,
  NumberField,
  SelectField,
  SelectInput,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { EVENT_TYPE_CHOICES } from '../webhook-subscriptions/choices';
import { DELIVERY_STATUS_CHOICES } from './choices';
import { RedeliverFailedButton } from './RedeliverFailedButton';
import { toIso } from '../common/toIso';

const filters = [
  <SelectInput key="status" source="status" choices={DELIVERY_STATUS_CHOICES} alwaysOn />,
  <SelectInput key="event_type" source="event_type" choices={EVENT_TYPE_CHOICES} translateChoice={false} />,
  <TextInput key="subscription_id" source="subscription_id" />,
  <TextInput key="partner_id" source="partner_id" />,
  <TextInput key="entity_id" source="entity_id" />,
  <TextInput key="webhook_id" source="webhook_id" />,
  <DateTimeInput key="created_from" source="created_from" parse={toIso} />,
  <DateTimeInput key="created_to" source="created_to" parse={toIso} />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <RedeliverFailedButton />
  </TopToolbar>
);

export const WebhookDeliveryList = () => (
  <List sort={{ field: 'id', order: 'DESC' }} filters={filters} actions={<Actions />} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="partner_id" disableSort />
      <DataTable.Col source="event_type" disableSort />
      <DataTable.Col source="entity_id" disableSort />
      <DataTable.Col source="status">
        <SelectField source="status" choices={DELIVERY_STATUS_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="attempts">
        <NumberField source="attempts" />
      </DataTable.Col>
      <DataTable.Col source="last_status_code" disableSort />
      <DataTable.Col source="next_attempt_at">
        <DateField source="next_attempt_at" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
