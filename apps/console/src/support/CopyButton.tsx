import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useEffect, useState } from 'react';
import { Button, useNotify } from 'react-admin';

const CONFIRM_MS = 2_000;

/** Copy `text` to the clipboard and say so for a moment ("Copied"). */
export const CopyButton = ({
  text,
  testId,
  disabled,
}: {
  text: string;
  testId?: string;
  disabled?: boolean;
}) => {
  const notify = useNotify();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    }
  };

  return (
    <Button
      label={copied ? 'resources.support.copied' : 'kyc.action.copy'}
      onClick={() => void copy()}
      disabled={disabled}
      data-testid={testId}
      color={copied ? 'success' : 'primary'}
    >
      {copied ? <CheckIcon /> : <ContentCopyIcon />}
    </Button>
  );
};
