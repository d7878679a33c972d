import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduled jobs' run rows (libs/jobs). A row claims its job's time slot: the unique (job, slot) of the
 * scheduled rows makes each slot run at most once across every api and worker process, whichever claims it first. A run whose
 * process died stops sending heartbeats and is marked `interrupted` by any other runner, never run again.
 */
export class CreateJobRuns1765700000000 implements MigrationInterface {
  name = 'CreateJobRuns1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_runs (
        id bigserial PRIMARY KEY,
        job text NOT NULL,
        slot timestamptz NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        requested_by char(36),
        runner text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        dry_run boolean NOT NULL DEFAULT false,
        started_at timestamptz NOT NULL,
        heartbeat_at timestamptz NOT NULL,
        finished_at timestamptz,
        processed integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        error text,
        summary jsonb
      )`);
    // A scheduled slot runs once; "run now" rows are extra runs and never take a scheduled slot.
    await q.query(
      `CREATE UNIQUE INDEX job_runs_scheduled_slot_key ON job_runs (job, slot) WHERE trigger = 'schedule'`,
    );
    await q.query(`CREATE INDEX job_runs_job_started_idx ON job_runs (job, started_at DESC)`);
    await q.query(`CREATE INDEX job_runs_running_idx ON job_runs (heartbeat_at) WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_runs`);
  }
}
