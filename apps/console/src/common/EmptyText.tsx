import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** What an embedded list shows when it has no rows (react-admin's own empty page is for whole lists). */
export const EmptyText = ({ message }: { message: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
      {translate(message)}
    </Typography>
  );
};
