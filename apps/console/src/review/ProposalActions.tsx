import DoneAllIcon from '@mui/icons-material/DoneAll';
import BlockIcon from '@mui/icons-material/Block';
import { Stack, Typography } from '@mui/material';
import { useCanAccess, useDataProvider, useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { ConsoleDataProvider } from '../dataProvider';
import type { Proposal } from './types';

/**
 * Confirm or decline a pending proposal, as the second officer. The proposer sees a note instead of the
 * buttons (the server would answer 403 anyway).
 */
export const ProposalActions = (_props: { label?: string }) => {
  const record = useRecordContext<Proposal>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'review-proposals', action: 'confirm' });
  if (!record || record.state !== 'pending' || !canAccess || !identity) return null;
  if (record.proposed_by === identity.id) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="own-proposal">
        {translate('resources.review-proposals.own')}
      </Typography>
    );
  }
  return (
    // In a clickable row: the buttons and their dialogs keep their clicks.
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <ConfirmActionButton
        label="resources.review-proposals.confirm"
        icon={<DoneAllIcon />}
        title="resources.review-proposals.confirm_title"
        content="resources.review-proposals.confirm_content"
        translateOptions={{ action: translate(`resources.review-proposals.choices.action.${record.action}`) }}
        done="resources.review-proposals.confirmed"
        action={() => dataProvider.confirmProposal(record.id)}
      />
      <ConfirmActionButton
        label="resources.review-proposals.decline"
        icon={<BlockIcon />}
        title="resources.review-proposals.decline_title"
        content="resources.review-proposals.decline_content"
        done="resources.review-proposals.declined"
        action={() => dataProvider.declineProposal(record.id)}
      />
    </Stack>
  );
};
