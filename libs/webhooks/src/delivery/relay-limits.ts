/**
 * How the relay paces itself. Kept apart from the worker so bench/webhooks gives its baseline the same
 * batch size and the same number of requests in flight.
 */

/** How many due deliveries one claim takes. */
export const CLAIM_BATCH = 50;
/** How many requests are in flight at most. */
export const SEND_CONCURRENCY = 16;
