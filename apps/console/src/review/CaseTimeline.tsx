import DataObjectIcon from '@mui/icons-material/DataObject';
import {
  Alert,
  Box,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EmptyText } from '../common/EmptyText';
import type { ConsoleDataProvider } from '../dataProvider';
import type { ReviewCase } from './types';

/** Everything that happened to the identification, in order; provider results open their raw payload. */
export const CaseTimeline = () => {
  const record = useRecordContext<ReviewCase>();
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  const { canAccess: canOpen } = useCanAccess({ resource: 'review-cases', action: 'raw_payload' });
  const [raw, setRaw] = useState<string>();
  const t = (key: string) => translate(`resources.review-cases.timeline.${key}`);
  const entries = record?.timeline ?? [];
  if (!entries.length) return <EmptyText message="resources.review-cases.timeline.empty" />;
  return (
    <>
      <Table size="small" aria-label={t('title')} data-testid="case-timeline">
        <TableHead>
          <TableRow>
            <TableCell>{t('at')}</TableCell>
            <TableCell>{t('kind')}</TableCell>
            <TableCell>{t('actor')}</TableCell>
            <TableCell>{t('summary')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((e, i) => (
            <TableRow key={`${e.kind}-${e.ref ?? i}-${i}`} data-kind={e.kind}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(e.at).toLocaleString(locale)}</TableCell>
              <TableCell>
                {translate(`resources.review-cases.timeline.kinds.${e.kind}`, { _: e.kind })}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.75rem' }}>{e.actor ?? ''}</TableCell>
              <TableCell>{e.summary}</TableCell>
              <TableCell>
                {e.kind === 'provider_result' && e.ref && canOpen && (
                  <Button
                    label="resources.review-cases.timeline.raw"
                    onClick={() => setRaw(e.ref ?? undefined)}
                  >
                    <DataObjectIcon />
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {raw && <RawPayloadDialog resultId={raw} onClose={() => setRaw(undefined)} />}
    </>
  );
};

/** The provider's result exactly as received (GET /admin/provider-results/:id; the server audits it). */
const RawPayloadDialog = ({ resultId, onClose }: { resultId: string; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { data, error } = useQuery({
    queryKey: ['provider-results', resultId],
    queryFn: () => dataProvider.providerResult(resultId),
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="raw-payload-title">
      <DialogTitle id="raw-payload-title">
        {translate('resources.review-cases.timeline.raw_title', { id: resultId })}
      </DialogTitle>
      <DialogContent>
        {!data && !error && <CircularProgress size={24} />}
        {error && <Alert severity="error">{error.message}</Alert>}
        {data && (
          <Box
            component="pre"
            data-testid="raw-payload"
            sx={{
              m: 0,
              p: 1,
              bgcolor: 'action.hover',
              borderRadius: 1,
              overflow: 'auto',
              fontSize: '0.8rem',
            }}
          >
            {JSON.stringify(data.payload, null, 2)}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button label="kyc.action.close" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
};
