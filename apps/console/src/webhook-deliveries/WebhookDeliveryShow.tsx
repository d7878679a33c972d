import {
  DateField,
  NumberField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { JsonField } from '../common/JsonField';
import { AttemptLog } from './AttemptLog';
import { DELIVERY_STATUS_CHOICES } from './choices';
import { RedeliverButton } from './RedeliverButton';

export const WebhookDeliveryShow = () => (
  <Show
    actions={
      <TopToolbar>
        <RedeliverButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="webhook_id" />
      <TextField source="subscription_id" />
      <TextField source="partner_id" />
      <TextField source="event_type" />
      <TextField source="entity_id" />
      <SelectField source="status" choices={DELIVERY_STATUS_CHOICES} />
      <NumberField source="attempts" />
      <TextField source="last_status_code" />
      <TextField source="last_error" />
      <DateField source="created_at" showTime />
      <DateField source="next_attempt_at" showTime />
      <DateField source="delivered_at" showTime />
      <AttemptLog label="resources.webhook-deliveries.attempt_log.title" />
      <JsonField source="payload" />
    </SimpleShowLayout>
  </Show>
);
