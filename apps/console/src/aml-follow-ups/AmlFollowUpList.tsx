import { Chip, Typography } from '@mui/material';
import {
  DataTable,
  DateField,
  List,
  NullableBooleanInput,
  SelectInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DUE_WITHIN_CHOICES, STATUS_CHOICES } from './choices';

interface FollowUp {
  id: string;
  person_id: string;
  due_date: string;
  days_left: number;
  overdue: boolean;
  first_name?: string | null;
  last_name?: string | null;
}

const t = (key: string) => `resources.aml-follow-ups.${key}`;

const filters = [
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />,
  <SelectInput key="due_within" source="due_within" choices={DUE_WITHIN_CHOICES} alwaysOn />,
  <NullableBooleanInput key="overdue" source="overdue" alwaysOn />,
  <TextInput key="partner_id" source="partner_id" />,
];

/** The person's name, shown by the server only to roles that see full personal data. */
const PersonName = (_props: { label?: string }) => {
  const record = useRecordContext<FollowUp>();
  if (!record) return null;
  const name = [record.first_name, record.last_name].filter(Boolean).join(' ');
  return (
    <Typography variant="body2" fontWeight={500}>
      {name || record.person_id}
    </Typography>
  );
};

/** "12 days left", "Due today", or a red "3 days overdue" chip. */
const DaysLeft = (_props: { label?: string }) => {
  const record = useRecordContext<FollowUp>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.overdue) {
    return (
      <Chip
        label={translate(t('days_overdue'), { smart_count: -record.days_left })}
        color="error"
        size="small"
        data-testid="aml-overdue"
      />
    );
  }
  return (
    <Typography variant="body2" component="span">
      {record.days_left === 0
        ? translate(t('due_today'))
        : translate(t('days_left'), { smart_count: record.days_left })}
    </Typography>
  );
};

/** Persons due for a new AML confirmation, soonest first, as the AML follow-up job listed them. */
export const AmlFollowUpList = () => (
  <List
    sort={{ field: 'due_date', order: 'ASC' }}
    filters={filters}
    filterDefaultValues={{ status: 'open' }}
    exporter={false}
  >
    {/* A row opens the person (the id is the person's; that view is audited like any other). */}
    <DataTable
      bulkActionButtons={false}
      rowClick={(id) => `/persons/${encodeURIComponent(String(id))}/show`}
      data-testid="aml-follow-ups-table"
    >
      <DataTable.Col label={t('fields.person')} disableSort>
        <PersonName />
      </DataTable.Col>
      <DataTable.Col source="partner_id" disableSort />
      <DataTable.Col source="due_date">
        <DateField source="due_date" />
      </DataTable.Col>
      <DataTable.Col source="days_left" disableSort>
        <DaysLeft />
      </DataTable.Col>
      <DataTable.Col source="first_listed_at">
        <DateField source="first_listed_at" showTime />
      </DataTable.Col>
      <DataTable.Col source="resolved_at" disableSort>
        <DateField source="resolved_at" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
