import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Title, useDataProvider, useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { refreshMe } from '../authProvider';
import type { ConsoleDataProvider } from '../dataProvider';
import type { Me, MfaSetup } from '../types';

const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * TOTP enrolment: the server's QR code (an SVG rendered server-side, shown as an image so it cannot run
 * script) and secret, a code to confirm, then the recovery codes, shown this once.
 */
export const MfaPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { identity, refetch } = useGetIdentity();
  const me = identity as Me | undefined;
  const [setup, setSetup] = useState<MfaSetup>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await dataProvider.mfaSetup());
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCodeError(undefined);
    try {
      const { recovery_codes } = await dataProvider.mfaConfirm(code.trim());
      setRecoveryCodes(recovery_codes);
      notify('kyc.mfa.confirmed', { type: 'success' });
    } catch {
      setCodeError(translate('kyc.mfa.wrong_code'));
    } finally {
      setBusy(false);
    }
  };

  const done = async () => {
    await refreshMe();
    await refetch();
    // Permissions and menu entries were computed while enrolment was pending.
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
    void navigate('/');
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title={translate('kyc.mfa.title')} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            {translate('kyc.mfa.title')}
          </Typography>
          {me?.mfa_enrolment_required && !recoveryCodes && (
            <Alert severity="warning">{translate('kyc.mfa.enrolment_required')}</Alert>
          )}
          {recoveryCodes ? (
            <>
              <Alert severity="success">{translate('kyc.mfa.confirmed')}</Alert>
              <Typography variant="h6" component="h2">
                {translate('kyc.mfa.recovery_title')}
              </Typography>
              <Typography>{translate('kyc.mfa.recovery_help')}</Typography>
              <Box
                component="ul"
                data-testid="recovery-codes"
                sx={{ fontFamily: 'monospace', fontSize: '1.1rem', columns: 2, listStyle: 'none', pl: 0 }}
              >
                {recoveryCodes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </Box>
              <Box>
                <Button variant="contained" onClick={() => void done()}>
                  {translate('kyc.mfa.done')}
                </Button>
              </Box>
            </>
          ) : me?.mfa_enabled ? (
            <Alert severity="success">{translate('kyc.mfa.enabled')}</Alert>
          ) : setup ? (
            <>
              <Typography>{translate('kyc.mfa.scan')}</Typography>
              <Box
                component="img"
                src={svgDataUrl(setup.qr_svg)}
                alt={translate('kyc.mfa.qr_alt')}
                sx={{ width: 220, height: 220, bgcolor: '#fff', p: 1, borderRadius: 1 }}
              />
              <Typography>
                {translate('kyc.mfa.secret')}:{' '}
                <Box
                  component="code"
                  data-testid="mfa-secret"
                  sx={{ fontSize: '1.1rem', wordBreak: 'break-all' }}
                >
                  {setup.secret}
                </Box>
              </Typography>
              <Stack
                component="form"
                direction="row"
                spacing={2}
                alignItems="flex-start"
                onSubmit={(e) => void confirm(e)}
              >
                <TextField
                  name="otp"
                  label={translate('kyc.mfa.code')}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  error={!!codeError}
                  helperText={codeError ?? ' '}
                  slotProps={{
                    htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6 },
                  }}
                  size="small"
                  autoFocus
                />
                <Button type="submit" variant="contained" disabled={busy || code.trim().length !== 6}>
                  {translate('kyc.mfa.confirm')}
                </Button>
              </Stack>
            </>
          ) : (
            <>
              <Typography>{translate('kyc.mfa.intro')}</Typography>
              <Box>
                <Button variant="contained" onClick={() => void start()} disabled={busy}>
                  {translate('kyc.mfa.start')}
                </Button>
              </Box>
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
