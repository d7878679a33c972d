import ScheduleIcon from '@mui/icons-material/Schedule';
import { lazyNamed } from '../lazyNamed';

export const jobs = {
  list: lazyNamed(() => import('./JobList'), 'JobList'),
  show: lazyNamed(() => import('./JobShow'), 'JobShow'),
  icon: ScheduleIcon,
  recordRepresentation: 'title',
};
