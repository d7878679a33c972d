import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  Alert,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { type FormEvent, type ReactElement, useState } from 'react';
import {
  Button,
  HttpError,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { justificationValid, ReasonFields, type ReasonValue } from './ReasonFields';
import type { ReviewAction, ReviewCase } from './types';

const ICONS: Record<ReviewAction, ReactElement> = {
  approve: <CheckCircleIcon />,
  reject: <CancelIcon />,
  retry: <ReplayIcon />,
};

/** Approve, reject, send back: for who may decide (`review.decide`), on an open case only. */
export const DecisionButtons = () => {
  const record = useRecordContext<ReviewCase>();
  const { canAccess } = useCanAccess({ resource: 'review-cases', action: 'decide' });
  const [action, setAction] = useState<ReviewAction>();
  if (!record?.case_open || !canAccess) return null;
  return (
    <>
      {(['approve', 'reject', 'retry'] as const).map((a) => (
        <Button
          key={a}
          label={`resources.review-cases.decide.${a}`}
          onClick={() => setAction(a)}
          variant="outlined"
          color={a === 'approve' ? 'success' : a === 'reject' ? 'error' : 'primary'}
        >
          {ICONS[a]}
        </Button>
      ))}
      {action && <DecisionDialog record={record} action={action} onClose={() => setAction(undefined)} />}
    </>
  );
};

interface Failure {
  message: string;
  stale: boolean;
}

/** One decision on the version the officer saw: 200 decided, 202 awaiting a second officer, 409 stale. */
const DecisionDialog = ({
  record,
  action,
  onClose,
}: {
  record: ReviewCase;
  action: ReviewAction;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [value, setValue] = useState<ReasonValue>({ reason_code: '', justification: '' });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.review-cases.decide.${key}`, options);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!value.reason_code || !justificationValid(value.justification)) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const outcome = await dataProvider.decide(record.id, {
        action,
        reason_code: value.reason_code,
        justification: value.justification.trim(),
        version: record.version,
      });
      if (outcome.outcome === 'proposed') {
        notify('resources.review-cases.decide.proposed', { type: 'info' });
      } else {
        const status = translate(
          `resources.identifications.choices.status.${outcome.identification.status}`,
          {
            _: outcome.identification.status,
          },
        );
        notify('resources.review-cases.decide.decided', { type: 'success', messageArgs: { status } });
      }
      refresh();
      onClose();
    } catch (e) {
      setFailure({ message: (e as Error).message, stale: e instanceof HttpError && e.status === 409 });
    } finally {
      setBusy(false);
    }
  };

  const reload = () => {
    refresh();
    onClose();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="decision-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="decision-title">{t(`title_${action}`)}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            {t('version', { version: record.version })}
          </Typography>
          <ReasonFields action={action} value={value} onChange={setValue} touched={touched} />
          {failure && (
            <Alert
              severity={failure.stale ? 'warning' : 'error'}
              sx={{ mt: 2 }}
              data-testid="decision-error"
              action={
                failure.stale ? (
                  <Button label="resources.review-cases.decide.reload" onClick={reload} />
                ) : undefined
              }
            >
              {failure.stale && <strong>{t('stale')} </strong>}
              {failure.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          {busy && <CircularProgress size={20} />}
          <Button label="ra.action.cancel" onClick={onClose} />
          <Button
            label={`resources.review-cases.decide.${action}`}
            type="submit"
            variant="contained"
            disabled={busy || failure?.stale}
          />
        </DialogActions>
      </form>
    </Dialog>
  );
};
