import { Typography } from '@mui/material';
import { type FieldProps, useFieldValue, useLocaleState } from 'react-admin';

const UNITS = ['B', 'KB', 'MB', 'GB'];

/** A byte count as people read it (1.2 MB), in the console's language; the exact count in the tooltip. */
export function humanSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

export const FileSizeField = (props: FieldProps) => {
  const value: unknown = useFieldValue(props);
  const [locale] = useLocaleState();
  if (typeof value !== 'number') return null;
  return (
    <Typography component="span" variant="body2" title={`${value.toLocaleString(locale)} B`}>
      {humanSize(value, locale)}
    </Typography>
  );
};
