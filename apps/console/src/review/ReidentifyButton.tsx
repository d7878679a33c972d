import RestartAltIcon from '@mui/icons-material/RestartAlt';
import {
  Alert,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { JUSTIFICATION_MAX, justificationValid } from './ReasonFields';
import type { ReidentificationOutcome, ReviewCase } from './types';

/** Notification key and severity of each outcome of a re-identification. */
export function reidentifiedMessage(outcome: ReidentificationOutcome) {
  switch (outcome.mode) {
    case 'same_url':
      return { key: 'resources.review-cases.reidentify.done_same_url', type: 'success' as const };
    case 'new_identification':
      return { key: 'resources.review-cases.reidentify.done_new', type: 'success' as const };
    case 'proposed':
      return { key: 'resources.review-cases.reidentify.proposed', type: 'info' as const };
    case 'not_started':
      return { key: 'resources.review-cases.reidentify.not_started', type: 'warning' as const };
  }
}

/** Re-identify by the policy: its explanation and the person's allowance are shown before acting. */
export const ReidentifyButton = () => {
  const record = useRecordContext<ReviewCase>();
  const { canAccess } = useCanAccess({ resource: 'review-cases', action: 'reidentify' });
  const [open, setOpen] = useState(false);
  if (!record || !canAccess) return null;
  return (
    <>
      <Button
        label="resources.review-cases.reidentify.button"
        onClick={() => setOpen(true)}
        variant="outlined"
      >
        <RestartAltIcon />
      </Button>
      {open && <ReidentifyDialog id={record.id} onClose={() => setOpen(false)} />}
    </>
  );
};

const ReidentifyDialog = ({ id, onClose }: { id: string; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale = 'en'] = useLocaleState();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { data, error: loadError } = useQuery({
    queryKey: ['reidentification', id],
    queryFn: () => dataProvider.reidentification(id),
  });
  const [justification, setJustification] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.review-cases.reidentify.${key}`, options);

  const blocked = data?.policy.mode === 'blocked';
  const exhausted = data ? data.used >= data.limit : false;
  const possible = data && data.policy.mode !== 'not_applicable' && !exhausted;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!possible || (blocked && !justificationValid(justification))) return;
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await dataProvider.reidentify(id, blocked ? justification.trim() : undefined);
      const { key, type } = reidentifiedMessage(outcome);
      notify(key, {
        type,
        messageArgs: { reason: outcome.mode === 'not_started' ? outcome.reason : '' },
      });
      refresh();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="reidentify-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="reidentify-title">{t('title')}</DialogTitle>
        <DialogContent>
          {!data && !loadError && <CircularProgress size={24} />}
          {loadError && <Alert severity="error">{loadError.message}</Alert>}
          {data && (
            <Stack spacing={2} data-testid="reidentify-policy">
              <Alert
                severity={data.policy.mode === 'not_applicable' ? 'info' : blocked ? 'warning' : 'success'}
              >
                <strong>{t(`mode.${data.policy.mode}`)}: </strong>
                {data.policy.explanation}
              </Alert>
              <Typography variant="body2" data-testid="reidentify-allowance">
                {t('allowance', {
                  used: data.used,
                  limit: data.limit,
                  left: Math.max(0, data.limit - data.used),
                })}
              </Typography>
              {data.next_allowed_at && (
                <Typography variant="body2">
                  {t('next_allowed', { at: new Date(data.next_allowed_at).toLocaleString(locale) })}
                </Typography>
              )}
              {blocked && (
                <>
                  <Alert severity="warning">{t('blocked_help')}</Alert>
                  <TextField
                    name="justification"
                    label={translate('resources.review-cases.decide.justification')}
                    value={justification}
                    onChange={(e) => setJustification(e.target.value)}
                    error={touched && !justificationValid(justification)}
                    helperText={translate('resources.review-cases.decide.justification_help')}
                    required
                    multiline
                    minRows={3}
                    fullWidth
                    slotProps={{ htmlInput: { maxLength: JUSTIFICATION_MAX } }}
                  />
                </>
              )}
              {error && (
                <Alert severity="error" data-testid="reidentify-error">
                  {error}
                </Alert>
              )}
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          {busy && <CircularProgress size={20} />}
          <Button label="ra.action.cancel" onClick={onClose} />
          <Button
            label={
              blocked
                ? 'resources.review-cases.reidentify.propose'
                : 'resources.review-cases.reidentify.submit'
            }
            type="submit"
            variant="contained"
            disabled={busy || !possible}
          />
        </DialogActions>
      </form>
    </Dialog>
  );
};
