import { DateField, Labeled, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { EnabledField, Last24hField, LastRunField, ScheduleField } from './JobFields';
import { JobRuns } from './JobRuns';
import { RunJobButtons } from './RunJobButtons';

/** One job: its schedule and settings, the latest runs with counts and durations, and "run now". */
export const JobShow = () => (
  <Show
    actions={
      <TopToolbar>
        <RunJobButtons />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="title" />
      <TextField source="id" />
      <TextField source="description" />
      <Labeled source="schedule">
        <ScheduleField />
      </Labeled>
      <Labeled source="enabled">
        <EnabledField />
      </Labeled>
      <DateField source="next_run_at" showTime />
      <Labeled source="last_run">
        <LastRunField />
      </Labeled>
      <Labeled source="last_24h">
        <Last24hField />
      </Labeled>
      <Labeled label="resources.jobs.runs.title">
        <JobRuns />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
