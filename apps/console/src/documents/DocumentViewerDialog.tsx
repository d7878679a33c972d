import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Button as MuiButton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button, type Identifier, useDataProvider, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { errorCode } from '../httpClient';
import { viewerKind } from './choices';

export interface ViewedDocument {
  id: Identifier;
  name: string;
  content_type: string;
}

interface Opened {
  url: string;
  kind: ReturnType<typeof viewerKind>;
}

const REASON_MIN = 3;
const REASON_MAX = 500;

/**
 * Ask why, then fetch the file from the api (same origin, the session cookie) and show it here: a PDF in a
 * frame, an image as such, anything else as a download. The object URL lives only while the dialog does.
 */
export const DocumentViewerDialog = ({
  document,
  onClose,
}: {
  document: ViewedDocument;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [opened, setOpened] = useState<Opened>();
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  // Revoked when replaced and when the dialog closes (it is unmounted then).
  useEffect(() => (opened ? () => URL.revokeObjectURL(opened.url) : undefined), [opened]);

  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.documents.open.${key}`, options);
  const trimmed = reason.trim();
  const invalid = trimmed.length < REASON_MIN || trimmed.length > REASON_MAX;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(undefined);
    const shown = viewerKind(document.content_type) !== 'download';
    try {
      const blob = await dataProvider.documentFile(document.id, trimmed, shown ? 'inline' : 'attachment');
      const kind = viewerKind(blob.type || document.content_type);
      // Only PDFs and images keep their type; anything else (HTML, say) must never render in this origin.
      const typed = kind === 'download' ? new Blob([blob], { type: 'application/octet-stream' }) : blob;
      const url = URL.createObjectURL(typed);
      if (!alive.current) return URL.revokeObjectURL(url);
      setOpened({ url, kind });
    } catch (e) {
      if (!alive.current) return;
      const message = (e as Error).message;
      setError(errorCode(e) === 'document_integrity_error' ? `${t('integrity_error')} ${message}` : message);
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth={opened ? 'lg' : 'sm'}
      aria-labelledby="document-viewer-title"
    >
      <DialogTitle id="document-viewer-title">{t('title', { name: document.name })}</DialogTitle>
      {opened ? (
        <>
          <DialogContent>
            {opened.kind === 'pdf' && (
              <Box
                component="iframe"
                src={opened.url}
                title={document.name}
                data-testid="document-viewer-pdf"
                sx={{ width: '100%', height: '70vh', border: 0 }}
              />
            )}
            {opened.kind === 'image' && (
              <Box
                component="img"
                src={opened.url}
                alt={document.name}
                data-testid="document-viewer-image"
                sx={{ display: 'block', maxWidth: '100%', maxHeight: '70vh', mx: 'auto' }}
              />
            )}
            {opened.kind === 'download' && <Typography variant="body2">{t('no_preview')}</Typography>}
          </DialogContent>
          <DialogActions>
            <MuiButton
              component="a"
              href={opened.url}
              download={document.name}
              startIcon={<DownloadIcon />}
              data-testid="document-viewer-download"
            >
              {t('download')}
            </MuiButton>
            <Button label="kyc.action.close" onClick={onClose} />
          </DialogActions>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogContent>
            <Stack spacing={2}>
              <TextField
                name="reason"
                label={t('reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                onBlur={() => setTouched(true)}
                error={touched && invalid}
                helperText={touched && invalid ? t('reason_invalid') : t('reason_help')}
                required
                multiline
                minRows={2}
                autoFocus
                fullWidth
                slotProps={{ htmlInput: { maxLength: REASON_MAX } }}
              />
              {error && (
                <Alert severity="error" data-testid="document-viewer-error">
                  {error}
                </Alert>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            {busy && <CircularProgress size={20} />}
            <Button label="ra.action.cancel" onClick={onClose} />
            <Button label={t('submit')} type="submit" variant="contained" disabled={busy} />
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
};
