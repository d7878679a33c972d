import { DataTable, DateField, List, SelectField, SelectInput, TextInput } from 'react-admin';
import { IdLinkField } from '../common/IdLinkField';
import { DOCUMENT_TYPE_CHOICES, SOURCE_CHOICES } from './choices';
import { DocumentFlags } from './DocumentFlags';
import { FileSizeField } from './FileSizeField';
import { OpenDocumentButton } from './OpenDocumentButton';

const filters = [
  <SelectInput
    key="document_type"
    source="document_type"
    choices={DOCUMENT_TYPE_CHOICES}
    translateChoice={false}
    alwaysOn
  />,
  <SelectInput key="source" source="source" choices={SOURCE_CHOICES} alwaysOn />,
  <TextInput key="person_id" source="person_id" alwaysOn />,
  <TextInput key="identification_id" source="identification_id" />,
  <TextInput key="partner_id" source="partner_id" />,
];

export const DocumentList = () => (
  <List sort={{ field: 'created_at', order: 'DESC' }} filters={filters} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="document_type" />
      <DataTable.Col source="content_type" disableSort />
      <DataTable.Col source="size">
        <FileSizeField source="size" />
      </DataTable.Col>
      <DataTable.Col source="source" disableSort>
        <SelectField source="source" choices={SOURCE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="person_id" disableSort>
        <IdLinkField source="person_id" reference="persons" />
      </DataTable.Col>
      <DataTable.Col source="created_at">
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col label="resources.documents.fields.flags" disableSort>
        <DocumentFlags />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <OpenDocumentButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
