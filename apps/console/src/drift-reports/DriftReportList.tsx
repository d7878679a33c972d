import { DataTable, DateField, List, NumberField } from 'react-admin';

/** The stored drift reports, newest first, with their counts (0 everywhere: nothing drifted). */
export const DriftReportList = () => (
  <List sort={{ field: 'created_at', order: 'DESC' }} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false} data-testid="drift-reports-table">
      <DataTable.Col source="id" disableSort />
      <DataTable.Col source="slot">
        <DateField source="slot" showTime />
      </DataTable.Col>
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="summary.total" disableSort>
        <NumberField source="summary.total" />
      </DataTable.Col>
      <DataTable.Col source="summary.provider_disagreements" disableSort>
        <NumberField source="summary.provider_disagreements" />
      </DataTable.Col>
      <DataTable.Col source="summary.callbacks_unprocessed" disableSort>
        <NumberField source="summary.callbacks_unprocessed" />
      </DataTable.Col>
      <DataTable.Col source="summary.deliveries_undelivered" disableSort>
        <NumberField source="summary.deliveries_undelivered" />
      </DataTable.Col>
      <DataTable.Col source="summary.rollup_mismatched_keys" disableSort>
        <NumberField source="summary.rollup_mismatched_keys" />
      </DataTable.Col>
    </DataTable>
  </List>
);
