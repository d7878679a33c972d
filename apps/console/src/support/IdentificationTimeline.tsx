import { Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STATUS_COLORS } from '../identifications/choices';
import type { CustomerLanguage, SupportIdentification } from './types';

const T = 'resources.support.timeline';
const when = (iso: string) => new Date(iso).toLocaleString();

/** Every identification, newest first, each with its events in the customer's terms. */
export const IdentificationTimeline = ({
  identifications,
  language,
}: {
  identifications: SupportIdentification[];
  language: CustomerLanguage;
}) => {
  const translate = useTranslate();
  if (!identifications.length) return <Typography>{translate(`${T}.none`)}</Typography>;
  return (
    <Stack spacing={3} data-testid="support-timeline">
      {identifications.map((identification) => (
        <Box key={identification.id} data-testid="support-identification" data-status={identification.status}>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Chip
              size="small"
              color={STATUS_COLORS[identification.status] ?? 'default'}
              label={translate(`resources.identifications.choices.status.${identification.status}`, {
                _: identification.status,
              })}
            />
            {identification.reference && (
              <Typography fontFamily="monospace">{identification.reference}</Typography>
            )}
            <Typography variant="body2" color="text.secondary">
              {translate(`${T}.created`, { at: when(identification.created_at) })}
            </Typography>
            <Chip
              size="small"
              variant="outlined"
              label={translate(identification.url_valid ? `${T}.link_valid` : `${T}.link_invalid`)}
            />
          </Stack>
          {identification.reason && (
            <Box
              sx={{ mt: 1, pl: 1, borderLeft: 3, borderColor: 'warning.main' }}
              data-testid="support-reason"
            >
              <Typography>
                <strong>{translate(`${T}.what_happened`)}:</strong>{' '}
                {identification.reason.what_happened[language]}
              </Typography>
              <Typography>
                <strong>{translate(`${T}.next_step`)}:</strong> {identification.reason.next_step[language]}
              </Typography>
            </Box>
          )}
          <Box component="ol" sx={{ mt: 1, mb: 0, pl: 3 }}>
            {identification.events.map((event, index) => (
              <li key={`${event.at}-${index}`} data-testid="support-event">
                <Typography variant="body2">
                  <Box component="span" color="text.secondary">
                    {when(event.at)}
                  </Box>{' '}
                  {event.text[language]}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      ))}
    </Stack>
  );
};
