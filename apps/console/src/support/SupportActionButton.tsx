import { type ReactElement, useState } from 'react';
import { Button, useCanAccess, useNotify, useRefresh } from 'react-admin';
import { ActionDialog, type DialogField } from './ActionDialog';

/**
 * A support action shown only to roles whose permission allows it (`support.<action>` in canAccess.ts; the
 * server checks again): a button, its dialog, one call, a notification and a reload of the customer.
 */
export const SupportActionButton = ({
  action,
  label,
  icon,
  title,
  content,
  field,
  done,
  run,
  disabled,
}: {
  action: string;
  label: string;
  icon: ReactElement;
  title: string;
  content?: string;
  field?: DialogField;
  /** The i18n key of the success notification; none when `run` shows the result itself. */
  done?: string;
  run: (text: string) => Promise<unknown>;
  disabled?: boolean;
}) => {
  const { canAccess } = useCanAccess({ resource: 'support', action });
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;

  const submit = async (text: string) => {
    await run(text);
    if (done) notify(done, { type: 'success' });
    refresh();
  };

  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} disabled={disabled} variant="outlined">
        {icon}
      </Button>
      {open && (
        <ActionDialog
          title={title}
          content={content}
          field={field}
          confirm={label}
          onSubmit={submit}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
