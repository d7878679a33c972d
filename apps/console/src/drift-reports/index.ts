import TroubleshootIcon from '@mui/icons-material/Troubleshoot';
import { lazyNamed } from '../lazyNamed';

export const driftReports = {
  list: lazyNamed(() => import('./DriftReportList'), 'DriftReportList'),
  show: lazyNamed(() => import('./DriftReportShow'), 'DriftReportShow'),
  icon: TroubleshootIcon,
  recordRepresentation: 'id',
};
