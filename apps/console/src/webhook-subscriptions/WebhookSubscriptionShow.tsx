import ListIcon from '@mui/icons-material/List';
import { Link } from 'react-router-dom';
import {
  Button,
  DateField,
  NumberField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { STATE_CHOICES } from './choices';

/** Its deliveries: the deliveries list, filtered by this subscription. */
const DeliveriesButton = () => {
  const record = useRecordContext();
  if (!record) return null;
  const filter = encodeURIComponent(JSON.stringify({ subscription_id: record.id }));
  return (
    <Button
      component={Link}
      to={`/webhook-deliveries?filter=${filter}`}
      label="resources.webhook-subscriptions.deliveries"
    >
      <ListIcon />
    </Button>
  );
};

export const WebhookSubscriptionShow = () => (
  <Show
    actions={
      <TopToolbar>
        <DeliveriesButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="partner_id" />
      <TextField source="event_type" />
      <TextField source="url" />
      <SelectField source="state" choices={STATE_CHOICES} />
      <NumberField source="pending_deliveries" />
      <NumberField source="failed_deliveries" />
      <DateField source="created_at" showTime />
      <DateField source="canceled_at" showTime />
      <DateField source="deleted_at" showTime />
    </SimpleShowLayout>
  </Show>
);
