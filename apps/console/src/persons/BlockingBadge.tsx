import BlockIcon from '@mui/icons-material/Block';
import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/**
 * `flagged_by_compliance`: a compliance decision ended a provisionally successful identification as
 * failed or canceled, so the bank must block the account.
 */
export const BlockingBadge = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.flagged_by_compliance) return null;
  return (
    <Tooltip title={translate('kyc.blocking.help')}>
      <Chip
        icon={<BlockIcon />}
        label={translate('kyc.blocking.badge')}
        size="small"
        color="error"
        data-testid="blocking-badge"
      />
    </Tooltip>
  );
};
