import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Grid, LinearProgress, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Title, useLocaleState, useTranslate } from 'react-admin';
import { AnswerHelper } from './AnswerHelper';
import { CustomerHeadline } from './CustomerHeadline';
import { IdentificationTimeline } from './IdentificationTimeline';
import { LanguageToggle } from './LanguageToggle';
import { NotesList } from './NotesList';
import { OfficerActions } from './OfficerActions';
import { PersonCard } from './PersonCard';
import { Section } from './Section';
import { SupportActions } from './SupportActions';
import { supportApi } from './supportApi';
import { toLanguage } from './language';
import type { CustomerLanguage, SupportIdentification, SupportPerson } from './types';

const S = 'resources.support.customer';

/** The identification the customer is asking about: the most recently created one. */
const currentOf = (identifications: SupportIdentification[]) =>
  [...identifications].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];

/** Person 360 for support: what happened and what now, the timeline, the answer to send, and the few actions allowed. */
export const CustomerView = () => {
  const { personId = '' } = useParams();
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const [shown, setShown] = useState<CustomerLanguage>();
  const [unmasked, setUnmasked] = useState<SupportPerson>();
  const { data, error, isPending } = useQuery({
    queryKey: ['support', 'customer', personId],
    queryFn: () => supportApi.customer(personId),
  });

  const back = (
    <Button label={`${S}.back`} component={Link} to="/support">
      <ArrowBackIcon />
    </Button>
  );
  if (isPending) return <LinearProgress sx={{ mt: 2 }} />;
  if (error || !data)
    return (
      <Alert severity="error" sx={{ mt: 2 }} action={back}>
        {error?.message}
      </Alert>
    );

  const customer = toLanguage(data.customer_language);
  const language = shown ?? toLanguage(locale);
  const current = currentOf(data.identifications);
  const person = unmasked ?? data.person;
  const name = [data.person.first_name, data.person.last_name].filter(Boolean).join(' ');

  return (
    <Box sx={{ mt: 2 }} data-testid="support-customer">
      <Title title={translate(`${S}.title`, { name })} />
      <Stack spacing={2}>
        <Stack direction="row" spacing={1} justifyContent="space-between" flexWrap="wrap" useFlexGap>
          {back}
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            <SupportActions personId={personId} current={current} />
            <OfficerActions personId={personId} onUnmasked={setUnmasked} />
          </Stack>
        </Stack>
        {data.pending_proposals.map((proposal) => (
          <Alert key={proposal.id} severity="info" data-testid="support-pending-proposal">
            {translate(`${S}.pending_proposal`, {
              action: translate(`resources.review-proposals.choices.action.${proposal.action}`, {
                _: proposal.action,
              }),
              name: proposal.proposed_by_name ?? '?',
              at: new Date(proposal.proposed_at).toLocaleString(),
            })}
          </Alert>
        ))}
        <Section
          title={`${S}.headline`}
          action={
            <LanguageToggle
              value={language}
              customer={customer}
              onChange={setShown}
              label={`${S}.texts_language`}
            />
          }
        >
          <CustomerHeadline headline={data.headline} language={language} />
        </Section>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 7 }}>
            <Stack spacing={2}>
              <Section title={`${S}.answer`}>
                <AnswerHelper personId={personId} customer={customer} />
              </Section>
              <Section title={`${S}.timeline`}>
                <IdentificationTimeline identifications={data.identifications} language={language} />
              </Section>
            </Stack>
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <Stack spacing={2}>
              <Section title={`${S}.person`}>
                <PersonCard person={person} unmasked={unmasked !== undefined} />
              </Section>
              <Section title={`${S}.notes`}>
                <NotesList notes={data.notes} />
              </Section>
            </Stack>
          </Grid>
        </Grid>
      </Stack>
    </Box>
  );
};
