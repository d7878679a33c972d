import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { FailureCode } from './choices';

type FieldProps = { label?: string; source?: string };

const RETRY_COLORS: Record<FailureCode['retry'], ChipProps['color']> = {
  yes: 'success',
  after_fix: 'warning',
  no: 'error',
};

/** One of the code's flags as a small chip: its choice's label, and a colour where the value warns. */
const FlagChip = ({
  field,
  color,
  filled,
}: {
  field: 'permanent' | 'caused_by_user' | 'retry';
  color?: (code: FailureCode) => ChipProps['color'];
  filled?: boolean;
}) => {
  const record = useRecordContext<FailureCode>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant={filled ? 'filled' : 'outlined'}
      color={color?.(record) ?? 'default'}
      label={translate(`resources.failure-codes.choices.${field}.${String(record[field])}`)}
    />
  );
};

/** Permanent (red) or temporary. */
export const PermanentChip = (_props: FieldProps) => (
  <FlagChip field="permanent" color={(c) => (c.permanent ? 'error' : 'default')} />
);

/** Whether the customer caused it: yes, no or unknown. */
export const CausedByUserChip = (_props: FieldProps) => <FlagChip field="caused_by_user" />;

/** Whether a retry makes sense: yes, after a fix, or no. */
export const RetryChip = (_props: FieldProps) => (
  <FlagChip field="retry" color={(c) => RETRY_COLORS[c.retry]} filled />
);
