import WebhookIcon from '@mui/icons-material/Webhook';
import { lazyNamed } from '../lazyNamed';

export const webhookSubscriptions = {
  list: lazyNamed(() => import('./WebhookSubscriptionList'), 'WebhookSubscriptionList'),
  show: lazyNamed(() => import('./WebhookSubscriptionShow'), 'WebhookSubscriptionShow'),
  icon: WebhookIcon,
  recordRepresentation: 'url',
};
