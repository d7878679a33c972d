import DownloadIcon from '@mui/icons-material/Download';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Stack } from '@mui/material';
import { SupportActionButton } from './SupportActionButton';
import { supportApi } from './supportApi';
import type { SupportPerson } from './types';

const A = 'resources.support.actions';
const REASON = { name: 'reason', label: `${A}.reason`, min: 10, max: 500 };

/** Save a blob under `name` through a temporary link (same origin: no outside request). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Compliance officers only: the full data, or the evidence pack, each after a reason the server audits. */
export const OfficerActions = ({
  personId,
  onUnmasked,
}: {
  personId: string;
  onUnmasked: (person: SupportPerson) => void;
}) => (
  <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap data-testid="officer-actions">
    <SupportActionButton
      action="unmask"
      label={`${A}.unmask`}
      icon={<VisibilityIcon />}
      title={`${A}.unmask_title`}
      content={`${A}.unmask_content`}
      field={REASON}
      run={async (reason) => onUnmasked(await supportApi.unmask(personId, reason))}
    />
    <SupportActionButton
      action="evidence_pack"
      label={`${A}.evidence_pack`}
      icon={<DownloadIcon />}
      title={`${A}.evidence_pack_title`}
      content={`${A}.evidence_pack_content`}
      field={REASON}
      done={`${A}.evidence_pack_done`}
      run={async (reason) =>
        saveBlob(await supportApi.evidencePack(personId, reason), `evidence-pack-${personId}.zip`)
      }
    />
  </Stack>
);
