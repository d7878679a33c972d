import { DataTable, DateField, Pagination, ReferenceManyField, SelectField } from 'react-admin';
import { EmptyText } from '../common/EmptyText';
import { SOURCE_CHOICES } from './choices';
import { DocumentFlags } from './DocumentFlags';
import { FileSizeField } from './FileSizeField';
import { OpenDocumentButton } from './OpenDocumentButton';

/** The documents of the record shown (a person, an identification), newest first, each one openable. */
export const DocumentsTable = ({ target }: { target: 'person_id' | 'identification_id' }) => (
  <ReferenceManyField
    reference="documents"
    target={target}
    sort={{ field: 'created_at', order: 'DESC' }}
    perPage={10}
    pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
  >
    <DataTable
      rowClick="show"
      bulkActionButtons={false}
      empty={<NoDocuments />}
      data-testid="documents-table"
    >
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="document_type" disableSort />
      <DataTable.Col source="content_type" disableSort />
      <DataTable.Col source="size" disableSort>
        <FileSizeField source="size" />
      </DataTable.Col>
      <DataTable.Col source="source" disableSort>
        <SelectField source="source" choices={SOURCE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="created_at" disableSort>
        <DateField source="created_at" showTime />
      </DataTable.Col>
      <DataTable.Col label="resources.documents.fields.flags" disableSort>
        <DocumentFlags />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <OpenDocumentButton />
      </DataTable.Col>
    </DataTable>
  </ReferenceManyField>
);

const NoDocuments = () => <EmptyText message="resources.documents.empty" />;
