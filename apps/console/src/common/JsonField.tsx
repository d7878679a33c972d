import { Box } from '@mui/material';
import { type FieldProps, useFieldValue } from 'react-admin';

/** A JSON value as indented text (audit diffs, webhook payloads). */
export const JsonField = (props: FieldProps) => {
  const value: unknown = useFieldValue(props);
  if (value === undefined || value === null) return null;
  return (
    <Box
      component="pre"
      sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: '0.8rem' }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};
