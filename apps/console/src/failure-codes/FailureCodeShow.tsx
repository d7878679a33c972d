import { Labeled, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CATEGORY_CHOICES } from './choices';
import { CausedByUserChip, PermanentChip, RetryChip } from './FailureCodeChips';
import { GuidancePanel } from './GuidancePanel';

/** One code with its staff and customer guidance in English and German. */
export const FailureCodeShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <SelectField source="category" choices={CATEGORY_CHOICES} />
      <TextField source="description" />
      <PermanentChip label="resources.failure-codes.fields.permanent" />
      <CausedByUserChip label="resources.failure-codes.fields.caused_by_user" />
      <RetryChip label="resources.failure-codes.fields.retry" />
      <Labeled label="resources.failure-codes.fields.guidance" fullWidth>
        <GuidancePanel />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
