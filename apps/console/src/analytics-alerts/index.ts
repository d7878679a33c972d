import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import type { RaRecord } from 'react-admin';
import { lazyNamed } from '../lazyNamed';

export const analyticsAlerts = {
  list: lazyNamed(() => import('./AlertList'), 'AlertList'),
  show: lazyNamed(() => import('./AlertShow'), 'AlertShow'),
  icon: NotificationsActiveIcon,
  recordRepresentation: (record: RaRecord) => `${String(record.reason)} ${String(record.hour)}`,
};
