import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import PreviewIcon from '@mui/icons-material/Preview';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { Job, JobRun } from './types';

const t = (key: string) => `resources.jobs.run.${key}`;
const POLL_MS = 500;
/** A run the console follows; longer ones are left to the runs list (the server keeps running them). */
const FOLLOW_MS = 5 * 60_000;

/** "Run now", and "Dry run" for jobs that offer one: each asks first, then follows the run to its end. */
export const RunJobButtons = () => {
  const job = useRecordContext<Job>();
  const { canAccess } = useCanAccess({ resource: 'jobs', action: 'run' });
  if (!job || !canAccess) return null;
  return (
    <>
      <RunJobButton job={job} dryRun={false} />
      {job.dry_run_supported && <RunJobButton job={job} dryRun />}
    </>
  );
};

const RunJobButton = ({ job, dryRun }: { job: Job; dryRun: boolean }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const kind = dryRun ? 'dry' : 'now';

  const follow = async (run: JobRun): Promise<JobRun> => {
    const until = Date.now() + FOLLOW_MS;
    let current = run;
    while (current.status === 'running' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      current = (await dataProvider.getOne<JobRun>('job-runs', { id: run.id })).data;
    }
    return current;
  };

  const run = async () => {
    setBusy(true);
    try {
      const started = await dataProvider.runJob(job.id, dryRun);
      setOpen(false);
      refresh();
      const done = await follow(started);
      const type = done.status === 'succeeded' ? 'success' : done.status === 'running' ? 'info' : 'error';
      notify(t(`finished_${done.status}`), { type, messageArgs: { title: job.title } });
    } catch (e) {
      notify('kyc.notification.error', { type: 'error', messageArgs: { message: (e as Error).message } });
    } finally {
      setBusy(false);
      setOpen(false);
      refresh();
    }
  };

  return (
    <>
      <Button
        label={t(`${kind}_button`)}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
        disabled={busy}
      >
        {dryRun ? <PreviewIcon /> : <PlayArrowIcon />}
      </Button>
      {/* Inside a clickable row, clicks in the dialog (a portal) are not clicks on the row. */}
      <span onClick={(e) => e.stopPropagation()}>
        <Confirm
          isOpen={open}
          loading={busy}
          title={t(`${kind}_title`)}
          content={t(`${kind}_content`)}
          translateOptions={{ title: job.title }}
          onConfirm={() => void run()}
          onClose={() => setOpen(false)}
        />
      </span>
    </>
  );
};
