/** Default base of the retry backoff (`WEBHOOK_RETRY_BASE_MS`): the first retry waits up to 30 s. */
export const RETRY_BASE_MS = 30_000;
/** Default longest wait between two attempts (`WEBHOOK_RETRY_CAP_MS`). */
export const RETRY_CAP_MS = 6 * 3600_000;
/** A delivery is retried until this long after its first attempt, then it is failed (dead letter). */
export const RETRY_WINDOW_MS = 5 * 24 * 3600_000;
/** Full jitter could draw 0: keep a floor so a failing receiver is never hammered in a loop. */
export const RETRY_MIN_MS = 1_000;

/**
 * Delay before the retry that follows failed attempt `attempt` (1-based): exponential (base × 2^(n-1),
 * base 30 s and cap 6 h unless configured) with full jitter, so receivers that come back are not hit
 * by every sender at once.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs: number = RETRY_BASE_MS,
  capMs: number = RETRY_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(RETRY_MIN_MS, Math.floor(random() * ceiling));
}

/** When to try again after a failed attempt, or null when the retry window is spent (dead letter). */
export function nextAttemptAt(
  firstAttemptAt: Date,
  attempt: number,
  now: Date,
  random: () => number = Math.random,
  baseMs: number = RETRY_BASE_MS,
  capMs: number = RETRY_CAP_MS,
): Date | null {
  const next = now.getTime() + retryDelayMs(attempt, random, baseMs, capMs);
  return next > firstAttemptAt.getTime() + RETRY_WINDOW_MS ? null : new Date(next);
}
