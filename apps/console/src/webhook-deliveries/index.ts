import SendIcon from '@mui/icons-material/Send';
import { lazyNamed } from '../lazyNamed';

export const webhookDeliveries = {
  list: lazyNamed(() => import('./WebhookDeliveryList'), 'WebhookDeliveryList'),
  show: lazyNamed(() => import('./WebhookDeliveryShow'), 'WebhookDeliveryShow'),
  icon: SendIcon,
  recordRepresentation: 'id',
};
