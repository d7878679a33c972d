import KeyIcon from '@mui/icons-material/Key';
import type { RaRecord } from 'react-admin';
import { lazyNamed } from '../lazyNamed';

export const partnerClients = {
  list: lazyNamed(() => import('./PartnerClientList'), 'PartnerClientList'),
  show: lazyNamed(() => import('./PartnerClientShow'), 'PartnerClientShow'),
  create: lazyNamed(() => import('./PartnerClientCreate'), 'PartnerClientCreate'),
  icon: KeyIcon,
  recordRepresentation: (record: RaRecord) => `${String(record.partner_name)} (${String(record.id)})`,
};
