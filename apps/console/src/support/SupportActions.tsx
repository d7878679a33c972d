import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import { Stack } from '@mui/material';
import { SupportActionButton } from './SupportActionButton';
import { supportApi } from './supportApi';
import type { SupportIdentification } from './types';

const A = 'resources.support.actions';

/** Only what support may do: a note, the current link again, a proposal for the officers. No decisions. */
export const SupportActions = ({
  personId,
  current,
}: {
  personId: string;
  current: SupportIdentification | undefined;
}) => (
  <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap data-testid="support-actions">
    <SupportActionButton
      action="note"
      label={`${A}.note`}
      icon={<NoteAddIcon />}
      title={`${A}.note_title`}
      content={`${A}.note_content`}
      field={{ name: 'body', label: `${A}.note_body`, min: 1, max: 2000 }}
      done={`${A}.note_added`}
      run={(body) => supportApi.addNote(personId, body)}
    />
    <SupportActionButton
      action="resend_link"
      label={`${A}.resend`}
      icon={<ForwardToInboxIcon />}
      title={`${A}.resend_title`}
      content={`${A}.resend_content`}
      done={`${A}.resent`}
      run={() => supportApi.resendLink(current!.id)}
      disabled={!current}
    />
    <SupportActionButton
      action="propose_reidentification"
      label={`${A}.propose`}
      icon={<RestartAltIcon />}
      title={`${A}.propose_title`}
      content={`${A}.propose_content`}
      field={{ name: 'justification', label: `${A}.justification`, min: 10, max: 2000 }}
      done={`${A}.proposed`}
      run={(justification) => supportApi.proposeReidentification(current!.id, justification)}
      disabled={!current}
    />
  </Stack>
);
