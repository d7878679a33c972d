import { DataTable, DateField, List, SelectField, SelectInput, TextInput } from 'react-admin';
import { STATUS_CHOICES } from './choices';

const filters = [
  <TextInput key="partner_id" source="partner_id" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} />,
];

export const PartnerClientList = () => (
  <List sort={{ field: 'created_at', order: 'DESC' }} filters={filters} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" disableSort />
      <DataTable.Col source="partner_name" disableSort />
      <DataTable.Col source="partner_id" />
      <DataTable.Col source="status" disableSort>
        <SelectField source="status" choices={STATUS_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="last_used_at" disableSort>
        <DateField source="last_used_at" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
