import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import { Button, useTranslate } from 'react-admin';

export interface DialogField {
  name: string;
  label: string;
  min: number;
  max: number;
}

/**
 * A dialog for one support action: an optional text (note, justification or reason, with its length
 * limits), then one call. A refusal (409 expired link, proposal already pending) stays in the dialog as the
 * server's own words.
 */
export const ActionDialog = ({
  title,
  content,
  field,
  confirm,
  onSubmit,
  onClose,
}: {
  title: string;
  content?: string;
  field?: DialogField;
  confirm: string;
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const titleId = useId();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const length = text.trim().length;
  const invalid = field !== undefined && (length < field.min || length > field.max);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(text.trim());
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id={titleId}>{translate(title)}</DialogTitle>
        <DialogContent>
          {content && <DialogContentText sx={{ mb: 2 }}>{translate(content)}</DialogContentText>}
          {field && (
            <TextField
              name={field.name}
              label={translate(field.label)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onBlur={() => setTouched(true)}
              error={touched && invalid}
              helperText={translate('resources.support.dialog.length', { min: field.min, max: field.max })}
              multiline
              minRows={3}
              fullWidth
              autoFocus
              required
            />
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="support-action-error">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} disabled={busy} />
          <Button label={confirm} type="submit" variant="contained" disabled={busy} />
        </DialogActions>
      </form>
    </Dialog>
  );
};
