import { Alert, Card, CardContent, CardHeader, LinearProgress } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * One dashboard panel: a titled, labelled region with its actions (CSV export) in the header, and the
 * loading bar or the server's error in place of the content while there is nothing to show.
 */
export const Panel = ({
  title,
  testId,
  actions,
  loading,
  error,
  children,
}: {
  title: string;
  testId: string;
  actions?: ReactNode;
  loading?: boolean;
  error?: Error | null;
  children?: ReactNode;
}) => {
  const translate = useTranslate();
  const label = translate(title);
  return (
    <Card component="section" aria-label={label} data-testid={testId} sx={{ height: '100%' }}>
      <CardHeader
        title={label}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={actions}
        sx={{ pb: 0 }}
      />
      <CardContent>
        {error ? (
          <Alert severity="error">{translate('kyc.analytics.load_error', { message: error.message })}</Alert>
        ) : loading ? (
          <LinearProgress aria-label={translate('ra.page.loading')} />
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
};
