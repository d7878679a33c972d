import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { lazyNamed } from '../lazyNamed';

/** The support desk: the search page is the resource's list; the customer view is its child route. */
export const supportDesk = {
  list: lazyNamed(() => import('./SupportSearchPage'), 'SupportSearchPage'),
  icon: SupportAgentIcon,
};

export const CustomerView = lazyNamed(() => import('./CustomerView'), 'CustomerView');
