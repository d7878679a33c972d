import { Stack, Typography } from '@mui/material';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  ShowButton,
  useListContext,
  useTranslate,
} from 'react-admin';
import {
  CATEGORIES,
  CATEGORY_CHOICES,
  CAUSED_BY_USER_CHOICES,
  categoryLabel,
  type FailureCode,
} from './choices';
import { CausedByUserChip, PermanentChip, RetryChip } from './FailureCodeChips';
import { GuidancePanel } from './GuidancePanel';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="permanent" source="permanent" alwaysOn />,
  <SelectInput key="caused_by_user" source="caused_by_user" choices={CAUSED_BY_USER_CHOICES} alwaysOn />,
  <SelectInput key="category" source="category" choices={CATEGORY_CHOICES} />,
];

/** One category's codes; a row expands to the guidance. */
const CategoryTable = ({ category, rows }: { category: string; rows: FailureCode[] }) => {
  const translate = useTranslate();
  return (
    <section aria-label={translate(categoryLabel(category))}>
      <Typography variant="h6" component="h2" sx={{ px: 2, pt: 2 }}>
        {translate('resources.failure-codes.group', {
          category: translate(categoryLabel(category)),
          smart_count: rows.length,
        })}
      </Typography>
      <DataTable
        data={rows}
        total={rows.length}
        bulkActionButtons={false}
        rowClick="expand"
        expand={<GuidancePanel />}
        data-testid={`failure-code-group-${category}`}
      >
        <DataTable.Col source="code" disableSort sx={{ width: '24%' }} />
        <DataTable.Col source="description" disableSort sx={{ width: '36%' }} />
        <DataTable.Col source="permanent" disableSort sx={{ width: '11%' }}>
          <PermanentChip />
        </DataTable.Col>
        <DataTable.Col source="caused_by_user" disableSort sx={{ width: '13%' }}>
          <CausedByUserChip />
        </DataTable.Col>
        <DataTable.Col source="retry" disableSort sx={{ width: '12%' }}>
          <RetryChip />
        </DataTable.Col>
        <DataTable.Col>
          <ShowButton />
        </DataTable.Col>
      </DataTable>
    </section>
  );
};

/** The list's codes grouped by category, in the catalog's order of categories. */
const GroupedCodes = () => {
  const { data } = useListContext<FailureCode>();
  if (!data) return null;
  return (
    <Stack spacing={1} sx={{ pb: 2 }}>
      {CATEGORIES.map((category) => {
        const rows = data.filter((code) => code.category === category);
        return rows.length ? <CategoryTable key={category} category={category} rows={rows} /> : null;
      })}
    </Stack>
  );
};

/** IDnow's failure codes: what each means, whether it is permanent or the customer's doing, and what to do. */
export const FailureCodeList = () => (
  <List
    sort={{ field: 'code', order: 'ASC' }}
    filters={filters}
    perPage={100}
    pagination={false}
    exporter={false}
  >
    <GroupedCodes />
  </List>
);
