import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage } from '#kyc/database';
import type { JobTally } from './scheduled-job.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface JobRunRow {
  id: string;
  job: string;
  slot: Date;
  trigger: 'schedule' | 'manual';
  requested_by: string | null;
  runner: string;
  status: RunStatus;
  dry_run: boolean;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  processed: number;
  skipped: number;
  failed: number;
  error: string | null;
  summary: Record<string, unknown> | null;
}

export interface Claim {
  job: string;
  slot: Date;
  trigger: 'schedule' | 'manual';
  requestedBy: string | null;
  runner: string;
  dryRun: boolean;
  at: Date;
}

const FILTERS: Record<string, FilterColumn> = {
  job: { sql: 'job', op: '=' },
  status: { sql: 'status', op: '=' },
  trigger: { sql: 'trigger', op: '=' },
};
const SORTS = { started_at: 'started_at', slot: 'slot' };

/** The run rows: a row claims its slot (unique per job), then carries the run's progress and outcome. */
@Injectable()
export class JobRunsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Take the slot; null when another process (or an earlier run) already has it (scheduled slots only). */
  async claim(c: Claim): Promise<JobRunRow | null> {
    const [row] = await this.ds.query<JobRunRow[]>(
      `INSERT INTO job_runs (job, slot, trigger, requested_by, runner, status, dry_run, started_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $7)
       ON CONFLICT (job, slot) WHERE trigger = 'schedule' DO NOTHING RETURNING *`,
      [c.job, c.slot, c.trigger, c.requestedBy, c.runner, c.dryRun, c.at],
    );
    return row ?? null;
  }

  async progress(id: string, tally: JobTally, at: Date): Promise<void> {
    await this.ds.query(
      `UPDATE job_runs SET processed = $2, skipped = $3, failed = $4, heartbeat_at = $5
        WHERE id = $1 AND status = 'running'`,
      [id, tally.processed, tally.skipped, tally.failed, at],
    );
  }

  async finish(
    id: string,
    outcome: { status: RunStatus; tally: JobTally; error: string | null; summary: unknown },
    at: Date,
  ): Promise<void> {
    await this.ds.query(
      `UPDATE job_runs SET status = $2, processed = $3, skipped = $4, failed = $5, error = $6, summary = $7,
              finished_at = $8, heartbeat_at = $8
        WHERE id = $1 AND status = 'running'`,
      [
        id,
        outcome.status,
        outcome.tally.processed,
        outcome.tally.skipped,
        outcome.tally.failed,
        outcome.error,
        outcome.summary === undefined ? null : JSON.stringify(outcome.summary),
        at,
      ],
    );
  }

  /** Runs whose process stopped sending heartbeats (killed): `interrupted`, never run again. */
  async markInterrupted(staleBefore: Date, at: Date): Promise<number> {
    const rows = await this.ds.query<{ id: string }[]>(
      `WITH gone AS (
         UPDATE job_runs SET status = 'interrupted', finished_at = $2,
                error = 'the process running it stopped (no heartbeat); the next slot picks up the work'
          WHERE status = 'running' AND heartbeat_at < $1 RETURNING id)
       SELECT id FROM gone`,
      [staleBefore, at],
    );
    return rows.length;
  }

  /** The latest slot run on schedule, to resume after it. */
  async lastScheduledSlot(job: string): Promise<Date | null> {
    const [row] = await this.ds.query<{ slot: Date | null }[]>(
      `SELECT max(slot) AS slot FROM job_runs WHERE job = $1 AND trigger = 'schedule'`,
      [job],
    );
    return row?.slot ? new Date(row.slot) : null;
  }

  /** Runs so far by job and status, every process's (an index-only scan of job_runs_job_status_idx). */
  async countsByJobAndStatus(): Promise<{ job: string; status: RunStatus; n: number }[]> {
    return this.ds.query(`SELECT job, status, count(*)::int AS n FROM job_runs GROUP BY job, status`);
  }

  async get(id: string): Promise<JobRunRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.ds.query<JobRunRow[]>(`SELECT * FROM job_runs WHERE id = $1`, [id]);
    return row ?? null;
  }

  list(q: ListQuery): Promise<{ rows: JobRunRow[]; total: number }> {
    return queryPage<JobRunRow>(
      this.ds,
      { select: 'SELECT * FROM job_runs', count: 'SELECT count(*)::int AS total FROM job_runs' },
      q,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'id' },
    );
  }

  /** Per job: the latest run, and the last day's runs by status. */
  async overview(
    since: Date,
  ): Promise<{ latest: JobRunRow[]; counts: { job: string; status: string; n: number }[] }> {
    const latest = await this.ds.query<JobRunRow[]>(
      `SELECT DISTINCT ON (job) * FROM job_runs ORDER BY job, started_at DESC, id DESC`,
    );
    const counts = await this.ds.query<{ job: string; status: string; n: number }[]>(
      `SELECT job, status, count(*)::int AS n FROM job_runs WHERE started_at >= $1 GROUP BY job, status`,
      [since],
    );
    return { latest, counts };
  }
}
