import {
  BooleanField,
  DateField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { IdLinkField } from '../common/IdLinkField';
import { SOURCE_CHOICES } from './choices';
import { DocumentFlags } from './DocumentFlags';
import { FileSizeField } from './FileSizeField';
import { OpenDocumentButton } from './OpenDocumentButton';

const monospace = { fontFamily: 'monospace', fontSize: '0.8rem', wordBreak: 'break-all' } as const;

/** A document's metadata as the server keeps it (the view is audited); the file only through Open. */
export const DocumentShow = () => (
  <Show
    actions={
      <TopToolbar>
        <OpenDocumentButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <DocumentFlags label="resources.documents.fields.flags" />
      <TextField source="document_type" />
      <TextField source="content_type" />
      <FileSizeField source="size" />
      <SelectField source="source" choices={SOURCE_CHOICES} />
      <TextField source="provider_file" />
      <BooleanField source="customer_accessible" />
      <BooleanField source="partner_visible" />
      <DateField source="created_at" showTime />
      <DateField source="deleted_at" showTime />
      <DateField source="provider_canceled_at" showTime />
      <TextField source="id" sx={monospace} />
      <TextField source="sha256" sx={monospace} data-testid="document-sha256" />
      <TextField source="partner_id" />
      <IdLinkField source="person_id" reference="persons" />
      <IdLinkField source="identification_id" reference="identifications" />
    </SimpleShowLayout>
  </Show>
);
