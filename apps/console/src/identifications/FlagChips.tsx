import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Chip, Stack, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** One warning chip per review flag, its meaning in the tooltip; a reason the console does not know shows as is. */
export const FlagChips = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<{ flagged?: boolean; flag_reasons?: string[] }>();
  const translate = useTranslate();
  if (!record?.flagged && !record?.flag_reasons?.length) return null;
  const reasons = record.flag_reasons?.length ? record.flag_reasons : ['flagged'];
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      {reasons.map((reason) => (
        <Tooltip
          key={reason}
          title={translate(`resources.identifications.flags.${reason}.help`, {
            _: translate('resources.identifications.flags.flagged.help'),
          })}
        >
          <Chip
            icon={<WarningAmberIcon />}
            label={translate(`resources.identifications.flags.${reason}.label`, { _: reason })}
            color="warning"
            size="small"
            data-testid={`identification-flag-${reason}`}
          />
        </Tooltip>
      ))}
    </Stack>
  );
};
