import {
  DataTable,
  DateField,
  DateTimeInput,
  FilterButton,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { ExportCsvButton } from './ExportCsvButton';
import { toIso } from '../common/toIso';

const ACTOR_TYPES = ['staff', 'partner', 'system', 'provider'].map((id) => ({ id, name: id }));

const filters = [
  <TextInput key="action" source="action" alwaysOn />,
  <TextInput key="actor_id" source="actor_id" />,
  <SelectInput key="actor_type" source="actor_type" choices={ACTOR_TYPES} translateChoice={false} />,
  <TextInput key="entity_type" source="entity_type" />,
  <TextInput key="entity_id" source="entity_id" />,
  <DateTimeInput key="from" source="from" parse={toIso} />,
  <DateTimeInput key="to" source="to" parse={toIso} />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportCsvButton />
  </TopToolbar>
);

export const AuditEventList = () => (
  <List
    sort={{ field: 'occurred_at', order: 'DESC' }}
    filters={filters}
    actions={<Actions />}
    exporter={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="occurred_at">
        <DateField source="occurred_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="actor_email" disableSort />
      <DataTable.Col source="role" disableSort />
      <DataTable.Col source="action" disableSort />
      <DataTable.Col source="entity_type" disableSort />
      <DataTable.Col source="entity_id" disableSort />
      <DataTable.Col source="ip" disableSort />
    </DataTable>
  </List>
);
