import DescriptionIcon from '@mui/icons-material/Description';
import { lazyNamed } from '../lazyNamed';

export const documents = {
  list: lazyNamed(() => import('./DocumentList'), 'DocumentList'),
  show: lazyNamed(() => import('./DocumentShow'), 'DocumentShow'),
  icon: DescriptionIcon,
  recordRepresentation: 'name',
};
