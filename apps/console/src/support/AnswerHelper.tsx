import { Alert, LinearProgress, Stack, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { CopyButton } from './CopyButton';
import { LanguageToggle } from './LanguageToggle';
import { supportApi } from './supportApi';
import type { CustomerLanguage } from './types';

/**
 * A reply the agent can send as it is, written by the server from the state and the catalog guidance (never
 * a failed reason, never fraud, nothing the agent may not see); in the customer's language unless switched.
 */
export const AnswerHelper = ({ personId, customer }: { personId: string; customer: CustomerLanguage }) => {
  const translate = useTranslate();
  const [language, setLanguage] = useState<CustomerLanguage>(customer);
  const { data, error, isFetching } = useQuery({
    queryKey: ['support', 'answer', personId, language],
    queryFn: () => supportApi.answer(personId, language),
  });
  return (
    <Stack spacing={2} data-testid="support-answer">
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        useFlexGap
      >
        <LanguageToggle
          value={language}
          customer={customer}
          onChange={setLanguage}
          label="resources.support.answer.language"
        />
        <CopyButton text={data?.body ?? ''} testId="support-copy-answer" disabled={!data || isFetching} />
      </Stack>
      <LinearProgress sx={{ visibility: isFetching ? 'visible' : 'hidden' }} />
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && (
        <>
          <TextField
            label={translate('resources.support.answer.subject')}
            value={data.subject}
            slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'support-answer-subject' } }}
            fullWidth
          />
          <TextField
            label={translate('resources.support.answer.body')}
            value={data.body}
            multiline
            minRows={6}
            slotProps={{
              htmlInput: { readOnly: true, 'data-testid': 'support-answer-body', lang: data.language },
            }}
            fullWidth
          />
        </>
      )}
    </Stack>
  );
};
