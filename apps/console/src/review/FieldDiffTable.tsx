import { alpha, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { EmptyText } from '../common/EmptyText';
import type { ReviewCase } from './types';

const COLUMNS = ['field', 'person_value', 'document_value', 'status', 'original', 'source'] as const;

/** Our person next to what the provider read from the ID document, field by field; changes highlighted. */
export const FieldDiffTable = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.review-cases.diff.${key}`);
  const rows = record?.field_diff ?? [];
  if (!rows.length) return <EmptyText message="resources.review-cases.diff.empty" />;
  return (
    <Table size="small" aria-label={t('title')} data-testid="field-diff">
      <TableHead>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableCell key={c}>{t(c)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow
            key={r.field}
            data-changed={r.changed}
            sx={
              r.changed
                ? { bgcolor: (theme) => alpha(theme.palette.warning.main, 0.12), '& td': { fontWeight: 500 } }
                : undefined
            }
          >
            <TableCell sx={{ fontFamily: 'monospace' }}>{r.field}</TableCell>
            <TableCell>{r.person_value ?? ''}</TableCell>
            <TableCell>{r.document_value ?? ''}</TableCell>
            <TableCell>
              <Chip
                label={r.status}
                size="small"
                color={r.status === 'MATCH' ? 'success' : r.changed ? 'warning' : 'default'}
                variant={r.status === 'MATCH' ? 'outlined' : 'filled'}
              />
            </TableCell>
            <TableCell>{r.original ?? ''}</TableCell>
            <TableCell>{r.source ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
