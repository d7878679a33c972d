import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** Shown when the server masked the record for the viewer's role (`masked: true`); it decides, not the console. */
export const MaskedBadge = (_props: { label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.masked) return null;
  return (
    <Tooltip title={translate('kyc.masked.help')}>
      <Chip
        icon={<VisibilityOffIcon />}
        label={translate('kyc.masked.badge')}
        size="small"
        color="warning"
        variant="outlined"
        data-testid="masked-badge"
      />
    </Tooltip>
  );
};
