import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ReviewAction } from './types';
import { useReviewReasons } from './useReviewReasons';

export const JUSTIFICATION_MIN = 10;
export const JUSTIFICATION_MAX = 2000;

export const justificationValid = (value: string) => {
  const n = value.trim().length;
  return n >= JUSTIFICATION_MIN && n <= JUSTIFICATION_MAX;
};

export interface ReasonValue {
  reason_code: string;
  justification: string;
}

/** The reason codes of one action (from the server) and the officer's justification (10-2000 characters). */
export const ReasonFields = ({
  action,
  value,
  onChange,
  touched,
}: {
  action: ReviewAction;
  value: ReasonValue;
  onChange: (value: ReasonValue) => void;
  touched: boolean;
}) => {
  const translate = useTranslate();
  const { data: reasons, error } = useReviewReasons();
  const t = (key: string) => translate(`resources.review-cases.decide.${key}`);
  const options = reasons?.[action] ?? [];
  const badJustification = touched && !justificationValid(value.justification);
  return (
    <Stack spacing={2} sx={{ pt: 1 }}>
      <TextField
        select
        name="reason_code"
        label={t('reason')}
        value={options.some((o) => o.code === value.reason_code) ? value.reason_code : ''}
        onChange={(e) => onChange({ ...value, reason_code: e.target.value })}
        error={(touched && !value.reason_code) || !!error}
        helperText={error ? error.message : t('reason_help')}
        required
        fullWidth
        slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxWidth: 560 } } } } } }}
      >
        {options.map((o) => (
          <MenuItem key={o.code} value={o.code} sx={{ whiteSpace: 'normal' }}>
            <span>
              <strong>{o.code}</strong> — {o.description}
            </span>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        name="justification"
        label={t('justification')}
        value={value.justification}
        onChange={(e) => onChange({ ...value, justification: e.target.value })}
        error={badJustification}
        helperText={badJustification ? t('justification_invalid') : t('justification_help')}
        required
        multiline
        minRows={3}
        fullWidth
        slotProps={{ htmlInput: { maxLength: JUSTIFICATION_MAX } }}
      />
    </Stack>
  );
};
