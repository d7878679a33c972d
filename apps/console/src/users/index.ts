import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { lazyNamed } from '../lazyNamed';

export const users = {
  list: lazyNamed(() => import('./UserList'), 'UserList'),
  create: lazyNamed(() => import('./UserCreate'), 'UserCreate'),
  edit: lazyNamed(() => import('./UserEdit'), 'UserEdit'),
  icon: ManageAccountsIcon,
  recordRepresentation: 'email',
};
