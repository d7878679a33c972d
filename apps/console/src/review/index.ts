import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import type { RaRecord } from 'react-admin';
import { lazyNamed } from '../lazyNamed';

export const reviewCases = {
  list: lazyNamed(() => import('./ReviewCaseList'), 'ReviewCaseList'),
  show: lazyNamed(() => import('./ReviewCaseShow'), 'ReviewCaseShow'),
  icon: GppMaybeIcon,
  recordRepresentation: (record: RaRecord) =>
    `${String(record.first_name ?? record.person?.first_name ?? '')} ${String(record.last_name ?? record.person?.last_name ?? '')}`.trim() ||
    String(record.id),
};

export const reviewProposals = {
  list: lazyNamed(() => import('./ReviewProposalList'), 'ReviewProposalList'),
  icon: HowToRegIcon,
  recordRepresentation: 'id',
};
