import VisibilityIcon from '@mui/icons-material/Visibility';
import { Chip, Stack, Table, TableBody, TableCell, TableRow, Tooltip } from '@mui/material';
import { RecordContextProvider, useTranslate } from 'react-admin';
import { MaskedBadge } from '../persons/MaskedBadge';
import type { SupportPerson } from './types';

const FIELDS = [
  'salutation',
  'title',
  'first_name',
  'last_name',
  'birth_name',
  'birth_date',
  'birth_city',
  'nationality',
  'email',
  'mobile_number',
  'partner_id',
  'id',
] as const;
const ADDRESS = ['line_1', 'line_2', 'postal_code', 'city', 'country'] as const;

/** The person as the server sent it: masked for support agents, or in full after an officer's audited unmask. */
export const PersonCard = ({ person, unmasked }: { person: SupportPerson; unmasked: boolean }) => {
  const translate = useTranslate();
  const hidden = `(${translate('kyc.masked.hidden')})`;
  const show = (value: unknown) => {
    if (value === null || value === undefined || value === '') return person.masked ? hidden : '–';
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const address = (person.address ?? {}) as Record<string, unknown>;
  const rows: [string, string, string][] = [
    ...FIELDS.filter((f) => f in person).map((f): [string, string, string] => [
      f,
      translate(`resources.persons.fields.${f}`),
      show(person[f]),
    ]),
    ...(person.address !== undefined
      ? ADDRESS.map((f): [string, string, string] => [
          `address.${f}`,
          translate(`resources.persons.fields.address.${f}`),
          show(address[f]),
        ])
      : []),
  ];
  return (
    <Stack spacing={1} data-testid="support-person">
      <Stack direction="row" spacing={1}>
        <RecordContextProvider value={person}>
          <MaskedBadge />
        </RecordContextProvider>
        {unmasked && (
          <Tooltip title={translate('resources.support.person.unmasked_help')}>
            <Chip
              icon={<VisibilityIcon />}
              label={translate('resources.support.person.unmasked')}
              size="small"
              color="error"
              variant="outlined"
              data-testid="unmasked-badge"
            />
          </Tooltip>
        )}
      </Stack>
      <Table size="small">
        <TableBody>
          {rows.map(([key, label, value]) => (
            <TableRow key={key} data-testid={`person-${key}`}>
              <TableCell component="th" scope="row" sx={{ width: '40%' }}>
                {label}
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
};
