import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import type { RaRecord } from 'react-admin';
import { lazyNamed } from '../lazyNamed';

export const amlFollowUps = {
  list: lazyNamed(() => import('./AmlFollowUpList'), 'AmlFollowUpList'),
  icon: EventRepeatIcon,
  recordRepresentation: (record: RaRecord) =>
    `${String(record.first_name ?? '')} ${String(record.last_name ?? '')}`.trim() || String(record.id),
};
