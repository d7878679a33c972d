import { DataTable, DateField, List, SearchInput, TextField, TextInput } from 'react-admin';
import { MaskedBadge } from './MaskedBadge';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="partner_id" source="partner_id" />,
];

export const PersonList = () => (
  <List sort={{ field: 'created_at', order: 'DESC' }} filters={filters} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="last_name" />
      <DataTable.Col source="first_name" disableSort />
      <DataTable.Col source="birth_date" disableSort>
        <TextField source="birth_date" />
      </DataTable.Col>
      <DataTable.Col source="nationality" disableSort />
      <DataTable.Col source="partner_id" disableSort />
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="masked" disableSort>
        <MaskedBadge />
      </DataTable.Col>
    </DataTable>
  </List>
);
