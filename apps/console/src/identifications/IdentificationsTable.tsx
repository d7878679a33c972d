import { DataTable, DateField, Pagination, ReferenceManyField } from 'react-admin';
import { EmptyText } from '../common/EmptyText';
import { FlagChips } from './FlagChips';
import { StatusChip } from './StatusChip';

const NoIdentifications = () => <EmptyText message="resources.identifications.empty" />;

/** A person's identifications, newest first: status, the provider's result and why it failed, review flags. */
export const IdentificationsTable = () => (
  <ReferenceManyField
    reference="identifications"
    target="person_id"
    sort={{ field: 'created_at', order: 'DESC' }}
    perPage={10}
    pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
  >
    <DataTable
      rowClick="show"
      bulkActionButtons={false}
      empty={<NoIdentifications />}
      data-testid="identifications-table"
    >
      <DataTable.Col source="id" disableSort />
      <DataTable.Col source="method" disableSort />
      <DataTable.Col source="status" disableSort>
        <StatusChip />
      </DataTable.Col>
      <DataTable.Col source="provider_result" disableSort />
      <DataTable.Col source="failure_reason" disableSort />
      <DataTable.Col source="flag_reasons" disableSort>
        <FlagChips />
      </DataTable.Col>
      <DataTable.Col source="created_at" disableSort>
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="completed_at" disableSort>
        <DateField source="completed_at" showTime />
      </DataTable.Col>
    </DataTable>
  </ReferenceManyField>
);
