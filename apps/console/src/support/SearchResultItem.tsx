import { Chip, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STATUS_COLORS } from '../identifications/choices';
import type { SearchResult } from './types';

/** One person found: name, masked data, partner, and the latest identification's status and reference. */
export const SearchResultItem = ({
  result,
  id,
  selected,
  onOpen,
  onHover,
}: {
  result: SearchResult;
  id: string;
  selected: boolean;
  onOpen: () => void;
  onHover: () => void;
}) => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.support.search.${key}`, options);
  const latest = result.latest_identification;
  return (
    <ListItemButton
      id={id}
      role="option"
      aria-selected={selected}
      selected={selected}
      onClick={onOpen}
      onMouseMove={onHover}
      data-testid="support-result"
      divider
    >
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
            <Typography component="span" fontWeight="bold" data-testid="support-result-name">
              {result.name}
            </Typography>
            {latest && (
              <Chip
                size="small"
                color={STATUS_COLORS[latest.status] ?? 'default'}
                label={translate(`resources.identifications.choices.status.${latest.status}`, {
                  _: latest.status,
                })}
                data-testid="identification-status"
              />
            )}
            {latest?.reference && (
              <Typography
                component="span"
                variant="body2"
                fontFamily="monospace"
                data-testid="support-result-reference"
              >
                {latest.reference}
              </Typography>
            )}
          </Stack>
        }
        secondary={[
          result.birth_year !== null ? t('born', { year: result.birth_year }) : null,
          result.email_masked,
          result.mobile_masked,
          t('partner', { partner: result.partner_id }),
          latest ? null : t('no_identification'),
        ]
          .filter(Boolean)
          .join(' · ')}
      />
    </ListItemButton>
  );
};
