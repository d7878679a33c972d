import { DataTable, DateField, List, TextField } from 'react-admin';
import { EnabledField, Last24hField, LastRunField, ScheduleField } from './JobFields';
import { RunJobButtons } from './RunJobButtons';

/** Every scheduled job: what it does, when it runs, how its last run went, and "run now". */
export const JobList = () => (
  <List exporter={false} pagination={false} sort={{ field: 'id', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={false} data-testid="jobs-table">
      <DataTable.Col source="title" disableSort>
        <TextField source="title" sx={{ fontWeight: 500 }} />
        <TextField source="description" component="div" variant="caption" color="text.secondary" />
      </DataTable.Col>
      <DataTable.Col source="schedule" disableSort>
        <ScheduleField />
      </DataTable.Col>
      <DataTable.Col source="enabled" disableSort>
        <EnabledField />
      </DataTable.Col>
      <DataTable.Col source="next_run_at" disableSort>
        <DateField source="next_run_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="last_run" disableSort>
        <LastRunField />
      </DataTable.Col>
      <DataTable.Col source="last_24h" disableSort>
        <Last24hField />
      </DataTable.Col>
      <DataTable.Col disableSort>
        <RunJobButtons />
      </DataTable.Col>
    </DataTable>
  </List>
);
