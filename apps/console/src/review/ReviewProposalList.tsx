import { DataTable, DateField, List, SelectField, SelectInput, TextField } from 'react-admin';
import { IdLinkField } from '../common/IdLinkField';
import { PROPOSAL_STATE_CHOICES } from './choices';
import { ProposalActions } from './ProposalActions';
import type { Proposal } from './types';

const filters = [<SelectInput key="state" source="state" choices={PROPOSAL_STATE_CHOICES} alwaysOn />];

const ACTION_CHOICES = ['approve', 'reject', 'retry', 'reidentify'].map((id) => ({
  id,
  name: `resources.review-proposals.choices.action.${id}`,
}));

/** Decisions awaiting a second officer (pending first), each with Confirm and Decline. */
export const ReviewProposalList = () => (
  <List
    filters={filters}
    filterDefaultValues={{ state: 'pending' }}
    sort={{ field: 'proposed_at', order: 'ASC' }}
    exporter={false}
  >
    <DataTable
      bulkActionButtons={false}
      rowClick={(_id, _resource, record) =>
        `/review-cases/${encodeURIComponent((record as Proposal).identification_id)}/show`
      }
    >
      <DataTable.Col source="identification_id" disableSort>
        <IdLinkField source="identification_id" reference="review-cases" />
      </DataTable.Col>
      <DataTable.Col source="action" disableSort>
        <SelectField source="action" choices={ACTION_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="reason_code" disableSort />
      <DataTable.Col source="justification" disableSort>
        <TextField source="justification" sx={{ whiteSpace: 'pre-wrap' }} />
      </DataTable.Col>
      <DataTable.Col source="proposed_by_name" disableSort />
      <DataTable.Col source="proposed_at">
        <DateField source="proposed_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="state" disableSort>
        <SelectField source="state" choices={PROPOSAL_STATE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <ProposalActions />
      </DataTable.Col>
    </DataTable>
  </List>
);
