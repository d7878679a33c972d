import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { FailureCode, Guidance } from './choices';

const AUDIENCES = ['staff', 'customer'] as const;
const LANGUAGES = ['en', 'de'] as const;
const t = (key: string) => `resources.failure-codes.guidance.${key}`;

const GuidanceText = ({ guidance }: { guidance: Guidance }) => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="body2">
        <strong>{translate(t('what_happened'))}:</strong> {guidance.what_happened}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        <strong>{translate(t('next_step'))}:</strong> {guidance.next_step}
      </Typography>
    </>
  );
};

/** What happened and what to do next, for staff and for the customer, in English and German side by side. */
export const GuidancePanel = (_props: { label?: string }) => {
  const record = useRecordContext<FailureCode>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Table size="small" data-testid="failure-code-guidance">
      <TableHead>
        <TableRow>
          <TableCell />
          {LANGUAGES.map((language) => (
            <TableCell key={language}>{translate(t(language))}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {AUDIENCES.map((audience) => (
          <TableRow key={audience}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 500, verticalAlign: 'top' }}>
              {translate(t(audience))}
            </TableCell>
            {LANGUAGES.map((language) => (
              <TableCell key={language} lang={language} sx={{ verticalAlign: 'top', width: '42%' }}>
                <GuidanceText guidance={record.guidance[audience][language]} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
