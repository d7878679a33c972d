import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { useDataProvider, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { ConsoleDataProvider } from '../dataProvider';

/** Turn the user's MFA off (lost device): they enrol again at the next sign-in. */
export const ResetMfaButton = () => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  if (!record) return null;
  return (
    <ConfirmActionButton
      label="resources.users.reset_mfa.button"
      icon={<PhonelinkEraseIcon />}
      title="resources.users.reset_mfa.title"
      content="resources.users.reset_mfa.content"
      translateOptions={{ email: String(record.email) }}
      done="resources.users.reset_mfa.done"
      action={() => dataProvider.resetMfa(record.id)}
      disabled={!record.mfa_enabled}
    />
  );
};
