import InsightsIcon from '@mui/icons-material/Insights';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DemoDataButton } from './DemoDataButton';

/** No identification was created or finished in the range: say so, and offer demo data in the sandbox. */
export const EmptyState = () => {
  const translate = useTranslate();
  return (
    <Card data-testid="analytics-empty">
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="flex-start">
          <InsightsIcon color="disabled" fontSize="large" />
          <div>
            <Typography variant="h6" component="h2">
              {translate('kyc.analytics.empty.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('kyc.analytics.empty.text')}
            </Typography>
            <DemoDataButton />
          </div>
        </Stack>
      </CardContent>
    </Card>
  );
};
