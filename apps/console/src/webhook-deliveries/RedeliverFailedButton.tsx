import ReplayIcon from '@mui/icons-material/Replay';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { Button, useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

// <input type="datetime-local"> speaks local time without a zone.
const localInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Send every failed delivery created in a time range again, optionally of one subscription or partner. */
export const RedeliverFailedButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'webhook-deliveries', action: 'redeliver' });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form, setForm] = useState({ from: '', to: '', subscription_id: '', partner_id: '' });
  if (!canAccess) return null;

  const openDialog = () => {
    const now = new Date();
    setForm({
      from: localInput(new Date(now.getTime() - 24 * 3600_000)),
      to: localInput(new Date(now.getTime() + 60_000)),
      subscription_id: '',
      partner_id: '',
    });
    setError(undefined);
    setOpen(true);
  };
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { requeued } = await dataProvider.redeliverFailed({
        from: new Date(form.from).toISOString(),
        to: new Date(form.to).toISOString(),
        subscription_id: form.subscription_id.trim() || undefined,
        partner_id: form.partner_id.trim() || undefined,
      });
      setOpen(false);
      notify(
        requeued
          ? 'resources.webhook-deliveries.redeliver_failed.done'
          : 'resources.webhook-deliveries.redeliver_failed.none',
        { type: requeued ? 'success' : 'info', messageArgs: { smart_count: requeued } },
      );
      refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const t = (key: string) => translate(`resources.webhook-deliveries.redeliver_failed.${key}`);
  return (
    <>
      <Button label="resources.webhook-deliveries.redeliver_failed.button" onClick={openDialog}>
        <ReplayIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <form onSubmit={(e) => void submit(e)}>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              <Stack direction="row" spacing={2}>
                <TextField
                  name="from"
                  type="datetime-local"
                  label={t('from')}
                  value={form.from}
                  onChange={set('from')}
                  required
                  fullWidth
                  slotProps={{ inputLabel: { shrink: true } }}
                />
                <TextField
                  name="to"
                  type="datetime-local"
                  label={t('to')}
                  value={form.to}
                  onChange={set('to')}
                  required
                  fullWidth
                  slotProps={{ inputLabel: { shrink: true } }}
                />
              </Stack>
              <TextField
                name="subscription_id"
                label={t('subscription_id')}
                value={form.subscription_id}
                onChange={set('subscription_id')}
              />
              <TextField
                name="partner_id"
                label={t('partner_id')}
                value={form.partner_id}
                onChange={set('partner_id')}
              />
              {error && <Alert severity="error">{error}</Alert>}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <Button label={t('submit')} type="submit" variant="contained" disabled={busy} />
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
