import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useGetRecordRepresentation,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useUpdate,
} from 'react-admin';

/** Disable (after a confirmation) or enable again a record with `status` active/disabled: users, partner clients. */
export const StatusToggleButton = () => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const representation = useGetRecordRepresentation(resource);
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [update, { isPending }] = useUpdate();
  if (!record || !resource) return null;
  const disabling = record.status === 'active';
  const name = representation(record) as string;

  const apply = () =>
    update(
      resource,
      { id: record.id, data: { status: disabling ? 'disabled' : 'active' }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify(disabling ? 'kyc.notification.disabled' : 'kyc.notification.enabled', {
            type: 'success',
            messageArgs: { name },
          });
          refresh();
        },
        onError: (e) => {
          setOpen(false);
          notify('kyc.notification.error', { type: 'error', messageArgs: { message: e.message } });
        },
      },
    );

  return (
    <>
      <Button
        label={disabling ? 'kyc.action.disable' : 'kyc.action.enable'}
        onClick={() => (disabling ? setOpen(true) : void apply())}
        disabled={isPending}
        color={disabling ? 'error' : 'primary'}
      >
        {disabling ? <BlockIcon /> : <CheckCircleIcon />}
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="kyc.action.disable_title"
        content="kyc.action.disable_content"
        translateOptions={{ name }}
        onConfirm={() => void apply()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
