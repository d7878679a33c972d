import {
  DataTable,
  DateField,
  DateTimeInput,
  List,
  NullableBooleanInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { IdLinkField } from '../common/IdLinkField';
import { toIso } from '../common/toIso';
import { STATUS_CHOICES } from './choices';
import { FlagChips } from './FlagChips';
import { StatusChip } from './StatusChip';

const filters = [
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <NullableBooleanInput key="flagged" source="flagged" alwaysOn />,
  <TextInput key="person_id" source="person_id" alwaysOn />,
  <TextInput key="partner_id" source="partner_id" />,
  <TextInput key="failure_reason" source="failure_reason" />,
  <DateTimeInput key="updated_from" source="updated_from" parse={toIso} />,
  <DateTimeInput key="updated_to" source="updated_to" parse={toIso} />,
];

export const IdentificationList = () => (
  <List sort={{ field: 'created_at', order: 'DESC' }} filters={filters} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" disableSort />
      <DataTable.Col source="person_id" disableSort>
        <IdLinkField source="person_id" reference="persons" />
      </DataTable.Col>
      <DataTable.Col source="partner_id" disableSort />
      <DataTable.Col source="method" disableSort />
      <DataTable.Col source="status" disableSort>
        <StatusChip />
      </DataTable.Col>
      <DataTable.Col source="flag_reasons" disableSort>
        <FlagChips />
      </DataTable.Col>
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="updated_at">
        <DateField source="updated_at" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
