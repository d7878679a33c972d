import { type ReactElement, useState } from 'react';
import { Button, Confirm, useNotify, useRefresh } from 'react-admin';

/**
 * A button that asks first, then makes one admin call and says how it went (like the demo's AcceptButton):
 * `done` is the i18n key of the success notification; a failure shows the server's message.
 */
export const ConfirmActionButton = ({
  label,
  icon,
  title,
  content,
  translateOptions,
  done,
  action,
  disabled,
}: {
  label: string;
  icon: ReactElement;
  title: string;
  content: string;
  translateOptions?: Record<string, string>;
  done: string;
  action: () => Promise<unknown>;
  disabled?: boolean;
}) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      await action();
      notify(done, { type: 'success' });
      refresh();
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} disabled={disabled}>
        {icon}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={title}
        content={content}
        translateOptions={translateOptions}
        onConfirm={() => void run()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
