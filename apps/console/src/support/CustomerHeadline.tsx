import { Alert, Chip, Link, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STATUS_COLORS } from '../identifications/choices';
import { CopyButton } from './CopyButton';
import type { CustomerLanguage, Headline } from './types';

const H = 'resources.support.headline';

/** Can the customer try again now, and with which link: the valid one to copy, or a new one to request. */
const RetryLine = ({ headline }: { headline: Headline }) => {
  const translate = useTranslate();
  const { retry } = headline;
  if (retry.url && headline.can_retry_now) {
    return (
      <Stack spacing={1} data-testid="support-retry">
        <Typography>
          {translate(`${H}.retry_same_link`)}
          {retry.url_expires_at &&
            ` ${translate(`${H}.expires`, { at: new Date(retry.url_expires_at).toLocaleString() })}`}
        </Typography>
        <Stack direction="row" spacing={1} alignItems="center">
          <Link
            href={retry.url}
            target="_blank"
            rel="noreferrer"
            fontFamily="monospace"
            sx={{ overflowWrap: 'anywhere' }}
            data-testid="support-retry-url"
          >
            {retry.url}
          </Link>
          <CopyButton text={retry.url} testId="support-copy-link" />
        </Stack>
      </Stack>
    );
  }
  return (
    <Typography data-testid="support-retry">
      {translate(retry.how === 'none' ? `${H}.no_retry` : `${H}.link_needed`)}
    </Typography>
  );
};

/** The answer to "what happened, and what now?" in plain words, in the language chosen above it. */
export const CustomerHeadline = ({
  headline,
  language,
}: {
  headline: Headline;
  language: CustomerLanguage;
}) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1.5} data-testid="support-headline">
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        {headline.status && (
          <Chip
            color={STATUS_COLORS[headline.status] ?? 'default'}
            label={translate(`resources.identifications.choices.status.${headline.status}`, {
              _: headline.status,
            })}
            data-testid="identification-status"
          />
        )}
        <Chip
          variant="outlined"
          color={headline.can_retry_now ? 'success' : 'default'}
          label={translate(headline.can_retry_now ? `${H}.can_retry` : `${H}.cannot_retry`)}
          data-testid="support-can-retry"
        />
      </Stack>
      <Typography variant="h6" component="p" data-testid="support-headline-text">
        {headline.text[language]}
      </Typography>
      {headline.next_step[language] && (
        <Alert severity="info" data-testid="support-next-step">
          {headline.next_step[language]}
        </Alert>
      )}
      <RetryLine headline={headline} />
    </Stack>
  );
};
