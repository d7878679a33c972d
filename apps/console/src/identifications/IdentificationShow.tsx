import { Labeled, Show, SimpleShowLayout, DateField, TextField } from 'react-admin';
import { IdLinkField } from '../common/IdLinkField';
import { DocumentsTable } from '../documents/DocumentsTable';
import { FlagChips } from './FlagChips';
import { StatusChip } from './StatusChip';

/** One identification with its review flags, a link to the person, and the documents it produced. */
export const IdentificationShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <IdLinkField source="person_id" reference="persons" />
      <TextField source="partner_id" />
      <TextField source="method" />
      <StatusChip label="resources.identifications.fields.status" />
      <FlagChips label="resources.identifications.fields.flag_reasons" />
      <TextField source="provider_result" />
      <TextField source="failure_reason" />
      <TextField source="reference" />
      <TextField source="language" />
      <TextField source="proof_of_address_type" />
      <DateField source="proof_of_address_issued_at" />
      <DateField source="created_at" showTime />
      <DateField source="updated_at" showTime />
      <DateField source="review_started_at" showTime />
      <DateField source="completed_at" showTime />
      <Labeled label="resources.identifications.documents" fullWidth>
        <DocumentsTable target="identification_id" />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
