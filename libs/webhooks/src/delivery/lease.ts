/** Time left to record a claim's attempts once they are sent, unless one timeout is longer. */
export const RECORD_MARGIN_MS = 5_000;

/**
 * How long a claim holds its deliveries. It must outlive the claim in the worst case, or another worker
 * takes the deliveries over while they are still being sent: every send times out, in `sendRounds`
 * rounds one after another (a batch of N with C sends in flight takes ceil(N / C) rounds), then the
 * attempts are recorded. A crashed worker's claims come back to any worker when the lease expires, so it
 * also follows WEBHOOK_TIMEOUT_MS down: a short timeout gives a short lease.
 */
export function claimLeaseMs(timeoutMs: number, sendRounds: number): number {
  return sendRounds * timeoutMs + Math.max(timeoutMs, RECORD_MARGIN_MS);
}
