/**
 * How the relay paces itself. Kept apart from the worker so bench/webhooks gives its baseline the same
 * batch size and the same number of requests in flight.
 */

/** How many due deliveries one claim takes. */
export const CLAIM_BATCH = 100;
/** How many requests are in flight at most, across all claim loops of a process. */
export const SEND_CONCURRENCY = 16;
/** How many claim-send-record loops a process runs side by side (see WebhookDeliveryWorker.drain). */
export const CLAIM_LANES = 2;
/** How many new outbox rows one fan-out transaction takes. */
export const FAN_OUT_BATCH = CLAIM_BATCH * 4;
