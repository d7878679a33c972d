import AccessTimeIcon from '@mui/icons-material/AccessTime';
import BookmarkIcon from '@mui/icons-material/Bookmark';
import { Card, CardContent, Typography } from '@mui/material';
import {
  DataTable,
  FilterButton,
  FilterList,
  FilterListItem,
  List,
  NullableBooleanInput,
  SavedQueriesList,
  SelectInput,
  TextInput,
  TopToolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { FlagChips } from '../identifications/FlagChips';
import { STATUS_CHOICES } from '../identifications/choices';
import { StatusChip } from '../identifications/StatusChip';
import { BulkActionButton } from './BulkActions';
import {
  AgeField,
  AssigneeField,
  AwaitingApprovalChip,
  FailureBadges,
  PersonName,
  ProviderResultField,
  SlaField,
} from './CaseFields';
import {
  AGE_CHOICES,
  ASSIGNEE_CHOICES,
  CATEGORY_CHOICES,
  LANGUAGE_CHOICES,
  USER_CAUSED_CHOICES,
} from './choices';

const filters = [
  <SelectInput
    key="assignee"
    source="assignee"
    choices={ASSIGNEE_CHOICES}
    emptyText="resources.review-cases.choices.assignee.anyone"
    alwaysOn
  />,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <SelectInput key="age" source="age" choices={AGE_CHOICES} alwaysOn />,
  <TextInput key="id" source="id" />,
  <TextInput key="failure_code" source="failure_code" />,
  <SelectInput key="category" source="category" choices={CATEGORY_CHOICES} />,
  <NullableBooleanInput key="permanent" source="permanent" />,
  <SelectInput key="user_caused" source="user_caused" choices={USER_CAUSED_CHOICES} />,
  <SelectInput key="language" source="language" choices={LANGUAGE_CHOICES} />,
  <TextInput key="partner_id" source="partner_id" />,
  <NullableBooleanInput key="flagged" source="flagged" />,
  <NullableBooleanInput key="awaiting_approval" source="awaiting_approval" />,
  <NullableBooleanInput key="escalated" source="escalated" />,
];

/** Saved queries (in this browser's store) and one-click filters, beside the queue. */
const QueueSidebar = () => {
  const translate = useTranslate();
  const t = (key: string) => `resources.review-cases.sidebar.${key}`;
  return (
    <Card
      sx={{ order: -1, mr: 2, mt: 8, width: 260, flexShrink: 0, display: { xs: 'none', md: 'block' } }}
      data-testid="queue-sidebar"
    >
      <CardContent>
        <SavedQueriesList icon={<BookmarkIcon />} />
        <Typography
          variant="caption"
          color="text.secondary"
          component="p"
          sx={{ mb: 2 }}
          data-testid="saved-queries-note"
        >
          {translate(t('per_browser'))}
        </Typography>
        <FilterList label={t('quick')} icon={<AccessTimeIcon />}>
          <FilterListItem label={t('mine')} value={{ assignee: 'me' }} />
          <FilterListItem label={t('unassigned')} value={{ assignee: 'unassigned' }} />
          <FilterListItem label={t('overdue')} value={{ age: 'overdue' }} />
          <FilterListItem label={t('escalated')} value={{ escalated: true }} />
          <FilterListItem label={t('awaiting')} value={{ awaiting_approval: true }} />
          <FilterListItem label={t('flagged')} value={{ flagged: true }} />
        </FilterList>
      </CardContent>
    </Card>
  );
};

const BulkActions = () => (
  <>
    <BulkActionButton kind="reject" />
    <BulkActionButton kind="retry" />
    <BulkActionButton kind="reidentify" />
  </>
);

/** The review queue: open cases, SLA due first. */
export const ReviewCaseList = () => {
  const { canAccess: canDecide } = useCanAccess({ resource: 'review-cases', action: 'decide' });
  return (
    <List
      sort={{ field: 'case_due_at', order: 'ASC' }}
      filters={filters}
      aside={<QueueSidebar />}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={canDecide ? <BulkActions /> : false}>
        <DataTable.Col label="resources.review-cases.fields.person" disableSort>
          <PersonName />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <StatusChip />
          <FlagChips />
        </DataTable.Col>
        <DataTable.Col source="provider_result" disableSort>
          <ProviderResultField />
        </DataTable.Col>
        <DataTable.Col label="resources.review-cases.fields.failure_badges" disableSort>
          <FailureBadges />
        </DataTable.Col>
        <DataTable.Col source="language" disableSort />
        <DataTable.Col source="case_opened_at" label="resources.review-cases.fields.age">
          <AgeField />
        </DataTable.Col>
        <DataTable.Col source="case_due_at">
          <SlaField />
        </DataTable.Col>
        <DataTable.Col source="assignee_name" disableSort>
          <AssigneeField />
        </DataTable.Col>
        <DataTable.Col label="resources.review-cases.fields.awaiting_approval" disableSort>
          <AwaitingApprovalChip />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
