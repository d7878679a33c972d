import { Chip, Stack, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/**
 * What happened to a document after it was stored: the partner deleted it (staff still see it), or IDnow
 * deleted its copy after canceling a provisional result (we keep ours).
 */
export const DocumentFlags = (_props: { label?: string }) => {
  const record = useRecordContext<{ deleted_at?: string | null; provider_canceled_at?: string | null }>();
  const translate = useTranslate();
  if (!record) return null;
  const flags = [
    record.deleted_at ? 'deleted' : undefined,
    record.provider_canceled_at ? 'provider_canceled' : undefined,
  ].filter((f): f is string => f !== undefined);
  if (!flags.length) return null;
  return (
    <Stack direction="row" spacing={0.5}>
      {flags.map((flag) => (
        <Tooltip key={flag} title={translate(`resources.documents.flags.${flag}.help`)}>
          <Chip
            label={translate(`resources.documents.flags.${flag}.label`)}
            size="small"
            color={flag === 'deleted' ? 'default' : 'warning'}
            variant="outlined"
            data-testid={`document-flag-${flag}`}
          />
        </Tooltip>
      ))}
    </Stack>
  );
};
