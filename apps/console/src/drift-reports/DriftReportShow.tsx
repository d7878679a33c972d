import { Alert, Box, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import {
  DateField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { type Column, FindingsTable, IdentificationLink } from './FindingsTable';
import { COUNTS, type DriftReport } from './types';

const id = (key: string): Column => ({ key, render: (item) => <IdentificationLink id={item[key]} /> });
const plain = (...keys: string[]): Column[] => keys.map((key) => ({ key }));

/** One drift report: the counts, then each section's listed ids (identifications link to their pages). */
export const DriftReportShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <DateField source="slot" showTime />
      <DateField source="created_at" showTime />
      <TextField source="run_id" />
      <Labeled label="resources.drift-reports.sections.summary">
        <Summary />
      </Labeled>
      <Labeled label="resources.drift-reports.sections.provider">
        <ProviderSection />
      </Labeled>
      <Labeled label="resources.drift-reports.sections.stuck">
        <StuckSection />
      </Labeled>
      <Labeled label="resources.drift-reports.sections.outbox">
        <OutboxSection />
      </Labeled>
      <Labeled label="resources.drift-reports.sections.rollup">
        <RollupSection />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);

const Summary = () => {
  const report = useRecordContext<DriftReport>();
  const translate = useTranslate();
  if (!report) return null;
  return (
    <Box>
      <Typography variant="body1" data-testid="drift-total">
        {translate('resources.drift-reports.total', { total: report.summary.total })}
      </Typography>
      <Table size="small" sx={{ maxWidth: 480 }}>
        <TableBody>
          {COUNTS.map((k) => (
            <TableRow key={k}>
              <TableCell>{translate(`resources.drift-reports.fields.summary.${k}`)}</TableCell>
              <TableCell align="right">{Number(report.summary[k] ?? 0)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const ProviderSection = () => {
  const report = useRecordContext<DriftReport>();
  const translate = useTranslate();
  const p = report?.findings?.provider;
  if (!report) return null;
  if (!p)
    return (
      <Alert severity="warning">
        {translate('resources.drift-reports.provider_error', { error: report.summary.provider_error ?? '' })}
      </Alert>
    );
  return (
    <Box>
      <Typography variant="caption" component="div" sx={{ mb: 1 }}>
        {translate('resources.drift-reports.listed', {
          lists: Object.entries(p.listed)
            .map(([kind, n]) => `${kind}: ${n}`)
            .join(', '),
        })}
      </Typography>
      <FindingsTable
        name="disagreements"
        list={p.disagreements}
        columns={[id('identification_id'), ...plain('ours', 'provider')]}
      />
      <FindingsTable name="unknown" list={p.unknown} columns={plain('transaction_number', 'provider')} />
      <FindingsTable
        name="missing"
        list={p.missing}
        columns={[id('identification_id'), ...plain('status')]}
      />
    </Box>
  );
};

const StuckSection = () => {
  const s = useRecordContext<DriftReport>()?.findings?.stuck;
  if (!s) return null;
  const rows = [id('identification_id'), ...plain('status', 'since')];
  return (
    <Box>
      <FindingsTable name="created_unrequested" list={s.created_unrequested} columns={rows} />
      <FindingsTable name="review_overdue" list={s.review_overdue} columns={rows} />
      <FindingsTable name="expiry_overdue" list={s.expiry_overdue} columns={rows} />
      <FindingsTable
        name="callbacks_unprocessed"
        list={s.callbacks_unprocessed}
        columns={[...plain('callback_id'), id('transaction_number'), ...plain('received_at', 'attempts')]}
      />
      <FindingsTable
        name="evidence_overdue"
        list={s.evidence_overdue}
        columns={[id('identification_id'), ...plain('status', 'since', 'attempts')]}
      />
    </Box>
  );
};

const OutboxSection = () => {
  const o = useRecordContext<DriftReport>()?.findings?.outbox;
  if (!o) return null;
  return (
    <Box>
      <FindingsTable
        name="events_not_fanned_out"
        list={o.events_not_fanned_out}
        columns={plain('domain_event_id', 'event_type', 'entity_id', 'created_at')}
      />
      <FindingsTable
        name="deliveries_undelivered"
        list={o.deliveries_undelivered}
        columns={plain('delivery_id', 'domain_event_id', 'entity_id', 'attempts', 'created_at')}
      />
    </Box>
  );
};

const RollupSection = () => {
  const r = useRecordContext<DriftReport>()?.findings?.rollup;
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Box>
      <Typography variant="caption" component="div" sx={{ mb: 1 }}>
        {translate('resources.drift-reports.rollup_range', {
          from: r.from ?? '-',
          to: r.to,
          expected: r.expected_total,
          actual: r.actual_total,
        })}
      </Typography>
      <FindingsTable
        name="rollup"
        list={{ total: r.mismatched_keys, items: r.items }}
        columns={plain(
          'metric',
          'grain',
          'bucket_start',
          'partner_id',
          'language',
          'status',
          'reason',
          'path',
          'bucket',
          'expected',
          'actual',
        )}
      />
    </Box>
  );
};
