import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { type IdentificationStatus, STATUS_COLORS } from './choices';

/** The identification's status as a coloured chip. */
export const StatusChip = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<{ status?: IdentificationStatus }>();
  const translate = useTranslate();
  if (!record?.status) return null;
  return (
    <Chip
      label={translate(`resources.identifications.choices.status.${record.status}`, { _: record.status })}
      color={STATUS_COLORS[record.status] ?? 'default'}
      size="small"
      data-testid="identification-status"
    />
  );
};
