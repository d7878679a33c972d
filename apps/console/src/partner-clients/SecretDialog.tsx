import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { Button, useTranslate } from 'react-admin';

/** A partner client's secret, shown this once (after create or rotate); the server keeps only its hash. */
export const SecretDialog = ({
  clientId,
  secret,
  onClose,
}: {
  clientId: string;
  secret: string | undefined;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  return (
    <Dialog open={secret !== undefined} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('kyc.secret.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Alert severity="warning">{translate('kyc.secret.once')}</Alert>
          <Typography>
            {translate('kyc.secret.client_id')}:{' '}
            <Box component="code" data-testid="client-id">
              {clientId}
            </Box>
          </Typography>
          <Stack direction="row" alignItems="center" spacing={1}>
            <Typography>
              {translate('kyc.secret.secret')}:{' '}
              <Box component="code" data-testid="client-secret" sx={{ wordBreak: 'break-all' }}>
                {secret}
              </Box>
            </Typography>
            <Tooltip title={translate('kyc.action.copy')}>
              <IconButton
                aria-label={translate('kyc.action.copy')}
                onClick={() => void navigator.clipboard?.writeText(secret ?? '')}
              >
                <ContentCopyIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button label="kyc.secret.done" variant="contained" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
};
