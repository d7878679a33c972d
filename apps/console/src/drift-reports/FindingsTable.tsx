import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useCanAccess, useCreatePath, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { Capped } from './types';

export interface Column {
  key: string;
  /** The cell; by default the item's value as text. */
  render?: (item: Record<string, unknown>) => ReactNode;
}

/** One section of a report: its title and count, then the listed items (capped; the count is the total). */
export const FindingsTable = ({
  name,
  list,
  columns,
}: {
  name: string;
  list: Capped | undefined | null;
  columns: Column[];
}) => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.drift-reports.${key}`, options);
  const total = list?.total ?? 0;
  return (
    <Box sx={{ mb: 2 }} data-testid={`drift-${name}`}>
      <Typography variant="subtitle2">
        {t(`findings.${name}`)}: <span data-testid="drift-count">{total}</span>
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {t(`explain.${name}`)}
      </Typography>
      {list && list.items.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c.key}>{t(`columns.${c.key}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {list.items.map((item, i) => (
              <TableRow key={i}>
                {columns.map((c) => (
                  <TableCell key={c.key} sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>
                    {c.render ? c.render(item) : text(item[c.key])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {list && list.items.length < total && (
        <Typography variant="caption">{t('capped', { shown: list.items.length, total })}</Typography>
      )}
    </Box>
  );
};

/** A finding's value as text (they are ids, codes, counts and times). */
const text = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** An identification id, linked to its page when the console shows it to this user. */
export const IdentificationLink = ({ id }: { id: unknown }) => {
  const { canAccess } = useCanAccess({ resource: 'identifications', action: 'show' });
  const createPath = useCreatePath();
  if (typeof id !== 'string') return null;
  if (!canAccess) return <>{id}</>;
  return <Link to={createPath({ resource: 'identifications', id, type: 'show' })}>{id}</Link>;
};
