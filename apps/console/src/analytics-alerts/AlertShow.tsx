import { DateField, NumberField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { AcknowledgeField, AlertCategoryField, AlertExplanation, AlertStateChip } from './AlertFields';

const Actions = () => (
  <TopToolbar>
    <AcknowledgeField />
  </TopToolbar>
);

/** One alert: what was seen against what is usual, and who acknowledged it with which note. */
export const AlertShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="reason" />
      <AlertCategoryField label="resources.analytics-alerts.fields.category" />
      <AlertStateChip label="resources.analytics-alerts.fields.state" />
      <AlertExplanation label="resources.analytics-alerts.fields.explanation" />
      <DateField source="hour" showTime />
      <NumberField source="observed" />
      <NumberField source="baseline" options={{ maximumFractionDigits: 2 }} />
      <NumberField source="factor" options={{ maximumFractionDigits: 2 }} />
      <NumberField source="min_volume" />
      <DateField source="raised_at" showTime />
      <DateField source="acknowledged_at" showTime />
      <TextField source="acknowledged_by_name" />
      <TextField source="acknowledgement_note" />
    </SimpleShowLayout>
  </Show>
);
