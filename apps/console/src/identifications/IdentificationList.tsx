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
import {
  CAUSED_BY_USER_CHOICES,
  LANGUAGE_CHOICES,
  OUTCOME_CATEGORY_CHOICES,
  OUTCOME_STATUS_CHOICES,
  REACHED_CHOICES,
  STATUS_CHOICES,
} from './choices';
import { FlagChips } from './FlagChips';
import { StatusChip } from './StatusChip';

const filters = [
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <NullableBooleanInput key="flagged" source="flagged" alwaysOn />,
  <TextInput key="person_id" source="person_id" alwaysOn />,
  <TextInput key="partner_id" source="partner_id" />,
  <DateTimeInput key="updated_from" source="updated_from" parse={toIso} />,
  <DateTimeInput key="updated_to" source="updated_to" parse={toIso} />,
  <SelectInput key="language" source="language" choices={LANGUAGE_CHOICES} />,
];

/**
 * The dashboard's drill-down (analytics readers only): identifications with an outcome in
 * [outcome_from, outcome_to) matching every outcome filter at once, or created in
 * [created_from, created_to) that reached a funnel step. Each applied one shows as a removable input.
 */
const drillDownFilters = [
  // The reason of a failed identification is not support's to know: the server refuses them this filter.
  <TextInput key="failure_reason" source="failure_reason" />,
  <DateTimeInput key="outcome_from" source="outcome_from" parse={toIso} />,
  <DateTimeInput key="outcome_to" source="outcome_to" parse={toIso} />,
  <SelectInput key="outcome_status" source="outcome_status" choices={OUTCOME_STATUS_CHOICES} />,
  <TextInput key="outcome_reason" source="outcome_reason" />,
  <SelectInput key="outcome_category" source="outcome_category" choices={OUTCOME_CATEGORY_CHOICES} />,
  <NullableBooleanInput key="outcome_permanent" source="outcome_permanent" />,
  <SelectInput
    key="outcome_caused_by_user"
    source="outcome_caused_by_user"
    choices={CAUSED_BY_USER_CHOICES}
  />,
  <DateTimeInput key="created_from" source="created_from" parse={toIso} />,
  <DateTimeInput key="created_to" source="created_to" parse={toIso} />,
  <SelectInput key="reached" source="reached" choices={REACHED_CHOICES} />,
];

/**
 * Every identification; compliance officers can select a filtered set (say every `canceled` with
 * TECH_LIGHTING last week) and re-identify them in bulk, each by the policy, with a result per item.
 */
export const IdentificationList = () => {
  const { canAccess: canReidentify } = useCanAccess({ resource: 'review-cases', action: 'reidentify' });
  const { canAccess: canDrillDown } = useCanAccess({ resource: 'analytics', action: 'read' });
  return (
    <List
      sort={{ field: 'created_at', order: 'DESC' }}
      filters={canDrillDown ? [...filters, ...drillDownFilters] : filters}
      exporter={false}
    >
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
