import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { lazy, Suspense, useState } from 'react';
import { Button, useCanAccess, useRecordContext } from 'react-admin';
import type { ViewedDocument } from './DocumentViewerDialog';

// The viewer is its own chunk: most visits to a list never open a file.
const DocumentViewerDialog = lazy(async () => ({
  default: (await import('./DocumentViewerDialog')).DocumentViewerDialog,
}));

/** Open or download the file, after a reason, for who may (`documents.download`: compliance officers). */
export const OpenDocumentButton = (_props: { label?: string }) => {
  const record = useRecordContext<ViewedDocument>();
  const { canAccess } = useCanAccess({ resource: 'documents', action: 'download' });
  const [open, setOpen] = useState(false);
  if (!record || !canAccess) return null;
  return (
    // In a clickable row: clicks here, and in the dialog (React bubbles them through its portal), stay here.
    <span onClick={(e) => e.stopPropagation()}>
      <Button label="resources.documents.open.button" onClick={() => setOpen(true)}>
        <OpenInNewIcon />
      </Button>
      {open && (
        <Suspense fallback={null}>
          <DocumentViewerDialog document={record} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </span>
  );
};
