import HistoryIcon from '@mui/icons-material/History';
import type { RaRecord } from 'react-admin';
import { lazyNamed } from '../lazyNamed';

export const auditEvents = {
  list: lazyNamed(() => import('./AuditEventList'), 'AuditEventList'),
  show: lazyNamed(() => import('./AuditEventShow'), 'AuditEventShow'),
  icon: HistoryIcon,
  recordRepresentation: (record: RaRecord) => `#${String(record.id)} ${String(record.action)}`,
};
