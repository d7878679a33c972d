import { Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { CanAccess, DateField, Labeled, Show, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DocumentsTable } from '../documents/DocumentsTable';
import { IdentificationsTable } from '../identifications/IdentificationsTable';
import { MaskableField } from './MaskableField';
import { BlockingBadge } from './BlockingBadge';
import { MaskedBadge } from './MaskedBadge';

/** A titled group of fields in a row, or (`table`) one embedded list at full width. */
const Section = ({ title, table, children }: { title: string; table?: boolean; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1} component="section" aria-label={translate(`resources.persons.sections.${title}`)}>
      <Typography variant="subtitle1" component="h2" fontWeight="bold">
        {translate(`resources.persons.sections.${title}`)}
      </Typography>
      {table ? (
        children
      ) : (
        <Stack direction="row" flexWrap="wrap" columnGap={4} rowGap={1}>
          {children}
        </Stack>
      )}
    </Stack>
  );
};

const Heading = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={2} alignItems="center">
      <Typography variant="h6" component="h1">
        {String(record.first_name)} {String(record.last_name)}
      </Typography>
      <MaskedBadge />
      <BlockingBadge />
    </Stack>
  );
};

/** The data exactly as the server gives it: masked for support agents, in full (and audited) for others. */
export const PersonShow = () => (
  <Show>
    <Stack spacing={3} sx={{ p: 2 }}>
      <Heading />
      <Section title="identity">
        <Labeled>
          <TextField source="salutation" />
        </Labeled>
        <Labeled>
          <TextField source="first_name" />
        </Labeled>
        <Labeled>
          <TextField source="last_name" />
        </Labeled>
        <Labeled>
          <MaskableField source="birth_name" />
        </Labeled>
        <Labeled>
          <MaskableField source="birth_date" />
        </Labeled>
        <Labeled>
          <MaskableField source="birth_city" />
        </Labeled>
        <Labeled>
          <TextField source="nationality" />
        </Labeled>
      </Section>
      <Section title="address">
        <Labeled>
          <MaskableField source="address.line_1" />
        </Labeled>
        <Labeled>
          <MaskableField source="address.line_2" />
        </Labeled>
        <Labeled>
          <TextField source="address.postal_code" />
        </Labeled>
        <Labeled>
          <TextField source="address.city" />
        </Labeled>
        <Labeled>
          <TextField source="address.country" />
        </Labeled>
      </Section>
      <Section title="contact">
        <Labeled>
          <TextField source="email" />
        </Labeled>
        <Labeled>
          <MaskableField source="mobile_number" />
        </Labeled>
      </Section>
      <Section title="record">
        <Labeled>
          <TextField source="id" />
        </Labeled>
        <Labeled>
          <TextField source="partner_id" />
        </Labeled>
        <Labeled>
          <TextField source="screening_progress" />
        </Labeled>
        <Labeled>
          <DateField source="created_at" showTime />
        </Labeled>
      </Section>
      <CanAccess resource="identifications" action="list">
        <Section title="identifications" table>
          <IdentificationsTable />
        </Section>
      </CanAccess>
      <CanAccess resource="documents" action="list">
        <Section title="documents" table>
          <DocumentsTable target="person_id" />
        </Section>
      </CanAccess>
    </Stack>
  </Show>
);
