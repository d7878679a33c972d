import { Alert, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Title, useCanAccess, useGetIdentity, useTranslate } from 'react-admin';
import { lazyNamed } from '../lazyNamed';
import type { Me } from '../types';
import { ReviewSummaryPanel } from './ReviewSummaryPanel';

// The charts are a chunk of their own: support agents, who do not see them, never load it.
const AnalyticsDashboard = lazyNamed(() => import('../analytics/AnalyticsDashboard'), 'AnalyticsDashboard');

/**
 * A welcome, the signed-in role and the state of two-factor authentication; then, for officers, the review
 * queue's counters; for officers and admins, failure analytics.
 */
export const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { canAccess: analytics } = useCanAccess({ resource: 'analytics', action: 'read' });
  const { canAccess: review } = useCanAccess({ resource: 'review-cases', action: 'list' });
  const me = identity as (Me & { fullName?: string }) | undefined;
  if (!me) return null;
  return (
    <>
      <Card sx={{ mt: 2 }}>
        <Title title={translate('kyc.dashboard.title')} />
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              {translate('kyc.dashboard.welcome', { name: me.display_name })}
            </Typography>
            <Typography data-testid="signed-in-role">
              {translate('kyc.dashboard.role', { role: translate(`kyc.roles.${me.role}`) })}
            </Typography>
            {me.mfa_enabled ? (
              <Alert severity="success">{translate('kyc.dashboard.mfa_on')}</Alert>
            ) : (
              <Alert
                severity="warning"
                action={
                  <Button component={Link} to="/mfa" color="inherit" size="small">
                    {translate('kyc.dashboard.mfa_setup')}
                  </Button>
                }
              >
                {translate('kyc.dashboard.mfa_off')}
              </Alert>
            )}
          </Stack>
        </CardContent>
      </Card>
      {review && (
        <Stack sx={{ mt: 2 }}>
          <ReviewSummaryPanel />
        </Stack>
      )}
      {analytics && (
        <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
          <AnalyticsDashboard />
        </Suspense>
      )}
    </>
  );
};
