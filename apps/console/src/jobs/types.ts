/** GET /admin/jobs/runs/:id (docs/ADMIN-API.md, "Jobs") */
export interface JobRun {
  id: string;
  job: string;
  slot: string;
  trigger: 'schedule' | 'manual';
  requested_by: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  dry_run: boolean;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  processed: number;
  skipped: number;
  failed: number;
  error: string | null;
  summary: Record<string, unknown> | null;
}

/** GET /admin/jobs/:name */
export interface Job {
  id: string;
  title: string;
  description: string;
  schedule: string;
  schedule_setting: string;
  enabled: boolean;
  enabled_setting: string;
  dry_run_supported: boolean;
  next_run_at: string | null;
  last_run: JobRun | null;
  last_24h: Record<JobRun['status'], number>;
}
