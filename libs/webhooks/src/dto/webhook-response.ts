import type { SubscriptionRow } from '../subscriptions/subscriptions.repository.js';

export interface WebhookResponse {
  id: string;
  event_type: string;
  url: string;
}

/** The Solaris webhook resource; the secret appears only in the create answer. */
export function toWebhookResponse(s: SubscriptionRow): WebhookResponse {
  return { id: s.id, event_type: s.event_type, url: s.url };
}
