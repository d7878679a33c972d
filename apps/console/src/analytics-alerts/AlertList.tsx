import { DataTable, DateField, List, NullableBooleanInput, NumberField } from 'react-admin';
import { AcknowledgeField, AlertCategoryField, AlertStateChip } from './AlertFields';

const filters = [
  <NullableBooleanInput
    key="open"
    source="open"
    trueLabel="resources.analytics-alerts.state.open"
    falseLabel="resources.analytics-alerts.state.acknowledged"
    alwaysOn
  />,
];

/** Failure-rate alerts, newest first; open ones by default, each acknowledged with a note. */
export const AlertList = () => (
  <List
    sort={{ field: 'raised_at', order: 'DESC' }}
    filters={filters}
    filterDefaultValues={{ open: true }}
    exporter={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false} data-testid="alerts-table">
      <DataTable.Col source="raised_at">
        <DateField source="raised_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="reason" disableSort />
      <DataTable.Col source="category" disableSort>
        <AlertCategoryField />
      </DataTable.Col>
      <DataTable.Col source="hour">
        <DateField source="hour" showTime />
      </DataTable.Col>
      <DataTable.NumberCol source="observed" disableSort />
      <DataTable.Col source="baseline" disableSort>
        <NumberField source="baseline" options={{ maximumFractionDigits: 2 }} />
      </DataTable.Col>
      <DataTable.Col source="factor" disableSort>
        <NumberField source="factor" options={{ maximumFractionDigits: 1 }} />
      </DataTable.Col>
      <DataTable.Col source="acknowledged_at" disableSort>
        <AlertStateChip />
      </DataTable.Col>
      <DataTable.Col disableSort>
        <AcknowledgeField />
      </DataTable.Col>
    </DataTable>
  </List>
);
