import FactCheckIcon from '@mui/icons-material/FactCheck';
import { lazyNamed } from '../lazyNamed';

export const identifications = {
  list: lazyNamed(() => import('./IdentificationList'), 'IdentificationList'),
  show: lazyNamed(() => import('./IdentificationShow'), 'IdentificationShow'),
  icon: FactCheckIcon,
  recordRepresentation: 'id',
};
