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

const choices = (field: string, ids: readonly string[]) =>
  ids.map((id) => ({ id, name: `resources.identifications.choices.${field}.${id}` }));

/** The drill-down filters' values (the dashboard's bars and rows link to the list with them). */
export const OUTCOME_STATUS_CHOICES = STATUS_CHOICES.filter((c) =>
  ['successful', 'failed', 'aborted', 'canceled', 'expired'].includes(c.id),
);
export const OUTCOME_CATEGORY_CHOICES = ['DATA', 'Technical', 'User', 'Other', 'Review', 'None'].map(
  (id) => ({
    id,
    name: `kyc.analytics.category.${id}`,
  }),
);
export const CAUSED_BY_USER_CHOICES = choices('outcome_caused_by_user', ['yes', 'no', 'unknown']);
export const LANGUAGE_CHOICES = choices('language', ['DE', 'EN']);
export const REACHED_CHOICES = choices('reached', ['requested', 'reviewed', 'successful']);
