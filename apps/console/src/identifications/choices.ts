import type { ChipProps } from '@mui/material';

export const IDENTIFICATION_STATUSES = [
  'created',
  'pending',
  'pending_successful',
  'pending_failed',
  'successful',
  'failed',
  'aborted',
  'canceled',
  'expired',
] as const;

export type IdentificationStatus = (typeof IDENTIFICATION_STATUSES)[number];

export const STATUS_CHOICES = IDENTIFICATION_STATUSES.map((id) => ({
  id,
  name: `resources.identifications.choices.status.${id}`,
}));

/** Green for a pass, red for a fail, amber for a provisional fail awaiting review, blue while open. */
export const STATUS_COLORS: Record<IdentificationStatus, ChipProps['color']> = {
  created: 'default',
  pending: 'info',
  pending_successful: 'info',
  pending_failed: 'warning',
  successful: 'success',
  failed: 'error',
  aborted: 'default',
  canceled: 'default',
  expired: 'default',
};
