export * from './webhooks.module.js';
export * from './webhook-relay.module.js';
export * from './admin/admin-webhooks.module.js';
export * from './subscriptions/webhooks.service.js';
export { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker.js';
export {
  retryDelayMs,
  nextAttemptAt,
  RETRY_WINDOW_MS,
  RETRY_CAP_MS,
  RETRY_BASE_MS,
} from './delivery/backoff.js';
export { isBlockedAddress, parseIpv4, parseIpv6 } from './ssrf/address-guard.js';
export { refuseTargetUrl } from './ssrf/target-url.js';
export * from './delivery/outbox-backlog.js';
