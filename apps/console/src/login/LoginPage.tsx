import { Alert, Button, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  Form,
  Login,
  PasswordInput,
  required,
  TextInput,
  useLogin,
  useNotify,
  useTranslate,
} from 'react-admin';
import { LoginError, SESSION_ENDED_KEY } from '../authProvider';

/** Email and password; when the account has MFA, the server answers `mfa_required` and a code field appears. */
const LoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [needsOtp, setNeedsOtp] = useState(false);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  // Why we are here: the session ended (idle or absolute timeout), said once.
  const [sessionEnded] = useState(() => sessionStorage.getItem(SESSION_ENDED_KEY) === '1');
  useEffect(() => sessionStorage.removeItem(SESSION_ENDED_KEY), []);

  const submit = async (values: Record<string, unknown>) => {
    setLoading(true);
    setError(undefined);
    try {
      await login(values);
    } catch (e) {
      setLoading(false);
      if (e instanceof LoginError && e.code === 'mfa_required') {
        setNeedsOtp(true);
        notify('kyc.auth.otp_required', { type: 'info' });
      } else if (e instanceof LoginError && e.code === 'too_many_requests') {
        setError(
          e.retryAfterSeconds
            ? translate('kyc.auth.throttled', { seconds: e.retryAfterSeconds })
            : translate('kyc.auth.throttled_later'),
        );
      } else {
        setError(translate('kyc.auth.invalid'));
      }
    }
  };

  return (
    <Form onSubmit={submit} noValidate>
      <CardContent sx={{ width: 320 }}>
        <Stack spacing={1}>
          <Typography variant="h6" component="h1" textAlign="center">
            {translate('kyc.auth.title')}
          </Typography>
          {sessionEnded && !error && <Alert severity="info">{translate('kyc.auth.session_ended')}</Alert>}
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            source="email"
            label="kyc.auth.email"
            type="email"
            autoComplete="username"
            autoFocus={!needsOtp}
            validate={required()}
          />
          <PasswordInput
            source="password"
            label="kyc.auth.password"
            autoComplete="current-password"
            validate={required()}
          />
          {needsOtp && (
            <TextInput
              source="otp"
              label="kyc.auth.otp"
              helperText="kyc.auth.otp_help"
              autoComplete="one-time-code"
              inputMode="numeric"
              autoFocus
              validate={required()}
            />
          )}
          <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth>
            {loading ? <CircularProgress size={19} thickness={3} /> : translate('kyc.auth.sign_in')}
          </Button>
        </Stack>
      </CardContent>
    </Form>
  );
};

export const LoginPage = () => (
  <Login>
    <LoginForm />
  </Login>
);
