/** Identification statuses (seed, "Idnow status"), plus `expired`, which reconciliation sets after 14 days. */
export const IDENTIFICATION_STATUSES = [
  'created',
  'pending',
  'pending_successful',
  'pending_failed',
  'successful',
  'aborted',
  'canceled',
  'failed',
  'expired',
] as const;

export type IdentificationStatus = (typeof IDENTIFICATION_STATUSES)[number];

/** Who caused a transition; stored on every status event. */
export const ACTORS = ['partner', 'provider', 'staff', 'system'] as const;
export type Actor = (typeof ACTORS)[number];
