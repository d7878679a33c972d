import type { IdentificationStatus } from './identification-status.js';
import { canTransition, isFinal } from './state-machine.js';

export type ResultDecision = 'transition' | 'repeated' | 'unchanged' | 'contradiction' | 'ignored';

/**
 * What an authoritative provider result does to an identification. The same result twice changes
 * nothing; a new result with the same status is a repeated attempt (e.g. aborted again); a result that
 * contradicts a final status is recorded and flags the case; a stale one is ignored.
 */
export function decide(
  current: IdentificationStatus,
  to: IdentificationStatus,
  newPayload: boolean,
): ResultDecision {
  if (to === current) return newPayload && !isFinal(to) ? 'repeated' : 'unchanged';
  if (canTransition(current, to)) return 'transition';
  return isFinal(current) && newPayload ? 'contradiction' : 'ignored';
}
