import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import RemoveIcon from '@mui/icons-material/Remove';
import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A reason code, or "No reason", in monospace like the catalog shows it. */
export const ReasonCode = ({ code }: { code: string | null }) => {
  const translate = useTranslate();
  return code ? (
    <Typography variant="body2" component="span" fontFamily="monospace">
      {code}
    </Typography>
  ) : (
    <Typography variant="body2" component="span" color="text.secondary">
      {translate('kyc.analytics.no_reason')}
    </Typography>
  );
};

/** More failures than before is bad news (red, up), fewer is good (green, down). */
export const ChangeCell = ({ change, text }: { change: number; text: string }) => {
  const translate = useTranslate();
  const [Icon, color, label] =
    change > 0
      ? [ArrowUpwardIcon, 'error.main', 'kyc.analytics.change.up']
      : change < 0
        ? [ArrowDownwardIcon, 'success.main', 'kyc.analytics.change.down']
        : [RemoveIcon, 'text.secondary', 'kyc.analytics.change.same'];
  return (
    <Stack direction="row" spacing={0.5} alignItems="center" justifyContent="flex-end" sx={{ color }}>
      <Icon fontSize="small" titleAccess={translate(label)} />
      <span>{text}</span>
    </Stack>
  );
};
