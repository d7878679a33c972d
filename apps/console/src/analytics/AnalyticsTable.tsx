import DownloadIcon from '@mui/icons-material/Download';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { type CsvValue, downloadCsv, toCsv } from './csv';

/** One column: its label (an i18n key), the value the CSV gets, and how the cell shows it. */
export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => CsvValue;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  /** false: shown, not exported (a button); `table: false`: exported, not shown (a figure another cell shows). */
  csv?: false;
  table?: false;
}

/** Downloads exactly the rows the table shows, with its column labels as the header line. */
export const CsvButton = <T,>({
  fileName,
  columns,
  rows,
}: {
  fileName: string;
  columns: Column<T>[];
  rows: T[];
}) => {
  const translate = useTranslate();
  const exported = columns.filter((c) => c.csv !== false);
  const save = () =>
    downloadCsv(
      fileName,
      toCsv(
        exported.map((c) => translate(c.label)),
        rows.map((row) => exported.map((c) => c.value(row))),
      ),
    );
  return (
    <Button size="small" startIcon={<DownloadIcon />} onClick={save} disabled={!rows.length}>
      {translate('kyc.csv.export')}
    </Button>
  );
};

/**
 * A compact table of a panel; with `onRowClick`, each row is a link (mouse, Enter or Space) to the
 * identifications behind it.
 */
export const AnalyticsTable = <T,>({
  columns,
  rows,
  rowKey,
  onRowClick,
  testId,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  testId: string;
}) => {
  const translate = useTranslate();
  const shown = columns.filter((c) => c.table !== false);
  if (!rows.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('kyc.analytics.no_rows')}
      </Typography>
    );
  }
  const onKey = (row: T) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onRowClick?.(row);
  };
  return (
    <TableContainer>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            {shown.map((c) => (
              <TableCell key={c.key} align={c.numeric ? 'right' : 'left'}>
                {translate(c.label)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow
              key={rowKey(row)}
              data-testid={`${testId}-row-${rowKey(row)}`}
              hover={!!onRowClick}
              {...(onRowClick
                ? {
                    onClick: () => onRowClick(row),
                    onKeyDown: onKey(row),
                    tabIndex: 0,
                    title: translate('kyc.analytics.drill_down'),
                    sx: { cursor: 'pointer' },
                  }
                : {})}
            >
              {shown.map((c) => (
                <TableCell
                  key={c.key}
                  align={c.numeric ? 'right' : 'left'}
                  sx={c.numeric ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {c.render ? c.render(row) : c.value(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
