import PersonIcon from '@mui/icons-material/Person';
import type { RaRecord } from 'react-admin';
import { lazyNamed } from '../lazyNamed';

export const persons = {
  list: lazyNamed(() => import('./PersonList'), 'PersonList'),
  show: lazyNamed(() => import('./PersonShow'), 'PersonShow'),
  icon: PersonIcon,
  recordRepresentation: (record: RaRecord) => `${String(record.first_name)} ${String(record.last_name)}`,
};
