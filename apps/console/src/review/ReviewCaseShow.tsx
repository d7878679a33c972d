import { Alert, Divider, Stack, Typography } from '@mui/material';
import { Labeled, Show, TextField, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { IdLinkField } from '../common/IdLinkField';
import { DocumentsTable } from '../documents/DocumentsTable';
import { FlagChips } from '../identifications/FlagChips';
import { StatusChip } from '../identifications/StatusChip';
import { AssignmentButtons } from './AssignmentButtons';
import { AssigneeField, AwaitingApprovalChip, FailureBadges, SlaField } from './CaseFields';
import { CaseNotes, CaseProposals, EarlierIdentifications, Section } from './CaseSections';
import { CaseTimeline } from './CaseTimeline';
import { DecisionButtons } from './DecisionButtons';
import { FieldDiffTable } from './FieldDiffTable';
import { ReidentifyButton } from './ReidentifyButton';
import type { ReviewCase } from './types';

// The queue's row (shown while the case loads) has the names at the top level.
const personName = (record: ReviewCase) =>
  [record.person?.first_name ?? record.first_name, record.person?.last_name ?? record.last_name]
    .filter((v) => typeof v === 'string')
    .join(' ');

const CaseTitle = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.review-cases.name', { smart_count: 1 })}
      {record ? `: ${personName(record)}` : ''}
    </span>
  );
};

/** Status, SLA, assignee and what the officer can do, at the top of the case. */
const CaseHeader = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  if (!record) return null;
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.review-cases.${key}`, options);
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h1" data-testid="case-person">
          {personName(record)}
        </Typography>
        <StatusChip />
        <AwaitingApprovalChip />
        <FlagChips />
      </Stack>
      {record.case_open === false && (
        <Alert severity="info" data-testid="case-closed">
          {t('closed', {
            status: translate(`resources.identifications.choices.status.${record.status}`, {
              _: record.status,
            }),
          })}
          {record.decided_at &&
            ` ${t('decided_at', { at: new Date(record.decided_at).toLocaleString(locale) })}`}
        </Alert>
      )}
      <Stack direction="row" flexWrap="wrap" columnGap={4} rowGap={1}>
        <Labeled label="resources.review-cases.fields.provider_result">
          <TextField source="provider_result" emptyText="–" />
        </Labeled>
        <Labeled label="resources.review-cases.fields.failure_reason">
          <Stack direction="row" spacing={1} alignItems="center">
            <TextField source="failure_reason" emptyText="–" />
            <FailureBadges />
          </Stack>
        </Labeled>
        <Labeled label="resources.review-cases.fields.case_due_at">
          <SlaField />
        </Labeled>
        <Labeled label="resources.review-cases.fields.assignee">
          <AssigneeField />
        </Labeled>
        <Labeled label="resources.review-cases.fields.language">
          <TextField source="language" emptyText="–" />
        </Labeled>
        <Labeled label="resources.review-cases.fields.person_id">
          <IdLinkField source="person_id" reference="persons" />
        </Labeled>
        <Labeled label="resources.review-cases.fields.id">
          <TextField source="id" sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }} />
        </Labeled>
      </Stack>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap data-testid="case-actions">
        <AssignmentButtons />
        <DecisionButtons />
        <ReidentifyButton />
      </Stack>
    </Stack>
  );
};

/**
 * The case page: everything an officer needs to decide, from GET /admin/review-cases/:id (viewing it is
 * audited by the server).
 */
export const ReviewCaseShow = () => (
  <Show title={<CaseTitle />} actions={false}>
    <Stack spacing={3} sx={{ p: 2 }} divider={<Divider flexItem />}>
      <CaseHeader />
      <Section title="diff">
        <FieldDiffTable />
      </Section>
      <Section title="documents">
        <DocumentsTable target="identification_id" />
      </Section>
      <Section title="proposals">
        <CaseProposals />
      </Section>
      <Section title="notes">
        <CaseNotes />
      </Section>
      <Section title="timeline">
        <CaseTimeline />
      </Section>
      <Section title="earlier">
        <EarlierIdentifications />
      </Section>
    </Stack>
  </Show>
);
