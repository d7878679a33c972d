import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useCanAccess, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

const DEMO_PERSONS = 200;
const t = (key: string) => `kyc.analytics.demo.${key}`;

/**
 * Sandbox only, admins only: fill the database with demo identifications (POST /admin/demo-data) and
 * show the seeder's progress until it is done, then reload the dashboard. Hidden where the server says
 * demo data is not available, or has no such endpoint.
 */
export const DemoDataButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'demo-data', action: 'load' });
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const status = useQuery({
    queryKey: ['demo-data'],
    queryFn: () => dataProvider.demoDataStatus(),
    enabled: canAccess === true,
    retry: false,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  });
  const state = status.data?.state;

  useEffect(() => {
    if (state === 'done') void queryClient.invalidateQueries({ queryKey: ['analytics'] });
  }, [state, queryClient]);

  if (!canAccess || !status.data?.available) return null;
  const { done, total } = status.data;

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      queryClient.setQueryData(['demo-data'], await dataProvider.loadDemoData(DEMO_PERSONS));
      await status.refetch();
    } catch (e) {
      setError((e as Error).message);
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setStarting(false);
    }
  };

  if (state === 'running') {
    const value = total ? Math.round((100 * done) / total) : 0;
    return (
      <Box sx={{ mt: 2 }} data-testid="demo-data-progress">
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate(t('loading'), { done, total })}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={value}
          aria-label={translate(t('loading'), { done, total })}
        />
      </Box>
    );
  }
  return (
    <Box sx={{ mt: 2 }}>
      {state === 'failed' && <Alert severity="error">{translate(t('failed'))}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      <Button variant="contained" onClick={() => void start()} disabled={starting} sx={{ mt: 1 }}>
        {translate(t('button'), { persons: DEMO_PERSONS })}
      </Button>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {translate(t('help'))}
      </Typography>
    </Box>
  );
};
