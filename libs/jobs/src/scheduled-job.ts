/** What a job's catalog entry says about it; the catalog (one array, as data) lives with the jobs. */
export interface JobDefinition {
  /** Stable id, also the settings' infix: `JOB_<NAME>_SCHEDULE`, `JOB_<NAME>_ENABLED` (upper snake case). */
  name: string;
  title: string;
  description: string;
  /** Cron expression in UTC, with seconds (six fields) or without (five). */
  defaultSchedule: string;
  /** Whether a run can show what it would do without doing it (`dry_run`). */
  dryRun: boolean;
}

/** Counts a run reports: rows it changed, rows it looked at and left, rows it could not handle. */
export interface JobTally {
  processed: number;
  skipped: number;
  failed: number;
}

export interface JobRunContext {
  runId: string;
  /** The run's time slot; `now` for the job's cut-offs, so a slot run again decides the same way. */
  slot: Date;
  trigger: 'schedule' | 'manual';
  dryRun: boolean;
  /** Add to it as batches finish; the runner records it on the run row with each heartbeat. */
  tally: JobTally;
  /** Aborted when the process shuts down: stop between batches. */
  signal: AbortSignal;
  /** Record the tally so far and prove the run is alive (call between batches). */
  progress(): Promise<void>;
}

/**
 * One scheduled job. `run` works in bounded batches of short transactions and returns a summary (no
 * personal data) stored on the run row; the runner records failures, it never lets one out of the tick.
 */
export abstract class ScheduledJob {
  abstract readonly definition: JobDefinition;
  abstract run(ctx: JobRunContext): Promise<Record<string, unknown> | void>;

  /** Whether a run on schedule is a dry run (retention until the operator says otherwise); recorded on its row. */
  scheduledDryRun(): boolean {
    return false;
  }
}

/** Injection token: every `ScheduledJob` the module was given. */
export const SCHEDULED_JOBS = Symbol('SCHEDULED_JOBS');
