import {
  DataTable,
  DateField,
  DateTimeInput,
  List,
  NullableBooleanInput,
  SelectInput,
  TextInput,
  useCanAccess,
} from 'react-admin';
import { BulkActionButton } from '../review/BulkActions';
import { IdLinkField } from '../common/IdLinkField';
import { toIso } from '../common/toIso';
import { STATUS_CHOICES } from './choices';
import { FlagChips } from './FlagChips';
import { StatusChip } from './StatusChip';

const filters = [
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <NullableBooleanInput key="flagged" source="flagged" alwaysOn />,
  <TextInput key="person_id" source="person_id" alwaysOn />,
  <TextInput key="partner_id" source="partner_id" />,
  <TextInput key="failure_reason" source="failure_reason" />,
  <DateTimeInput key="updated_from" source="updated_from" parse={toIso} />,
  <DateTimeInput key="updated_to" source="updated_to" parse={toIso} />,
];

/**
 * Every identification; compliance officers can select a filtered set (say every `canceled` with
 * TECH_LIGHTING last week) and re-identify them in bulk, each by the policy, with a result per item.
 */
export const IdentificationList = () => {
  const { canAccess: canReidentify } = useCanAccess({ resource: 'review-cases', action: 'reidentify' });
  return (
    <List sort={{ field: 'created_at', order: 'DESC' }} filters={filters} exporter={false}>
      <DataTable
        rowClick="show"
        bulkActionButtons={canReidentify ? <BulkActionButton kind="reidentify" /> : false}
      >
        <DataTable.Col source="id" disableSort />
        <DataTable.Col source="person_id" disableSort>
          <IdLinkField source="person_id" reference="persons" />
        </DataTable.Col>
        <DataTable.Col source="partner_id" disableSort />
        <DataTable.Col source="method" disableSort />
        <DataTable.Col source="status" disableSort>
          <StatusChip />
        </DataTable.Col>
        <DataTable.Col source="flag_reasons" disableSort>
          <FlagChips />
        </DataTable.Col>
        <DataTable.Col source="created_at">
          <DateField source="created_at" showTime />
        </DataTable.Col>
        <DataTable.Col source="updated_at">
          <DateField source="updated_at" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
