import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SupportNote } from './types';

/** Internal notes on the customer, newest first; staff only, never sent to the customer or partner. */
export const NotesList = ({ notes }: { notes: SupportNote[] }) => {
  const translate = useTranslate();
  if (!notes.length)
    return <Typography color="text.secondary">{translate('resources.support.notes.none')}</Typography>;
  return (
    <List dense disablePadding data-testid="support-notes">
      {notes.map((note) => (
        <ListItem key={note.id} disableGutters divider data-testid="support-note">
          <ListItemText
            primary={note.body}
            secondary={`${note.author_name} · ${new Date(note.created_at).toLocaleString()}`}
            slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap' } } }}
          />
        </ListItem>
      ))}
    </List>
  );
};
