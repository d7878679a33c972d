import MenuBookIcon from '@mui/icons-material/MenuBook';
import { lazyNamed } from '../lazyNamed';

export const failureCodes = {
  list: lazyNamed(() => import('./FailureCodeList'), 'FailureCodeList'),
  show: lazyNamed(() => import('./FailureCodeShow'), 'FailureCodeShow'),
  icon: MenuBookIcon,
  recordRepresentation: 'code',
};
