import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly drift report (libs/reconciliation, job `drift_report`): one row per run, its counts in
 * `summary` and the capped lists in `findings` (identification ids and keys only, no personal data).
 */
export class CreateDriftReports1765740000000 implements MigrationInterface {
  name = 'CreateDriftReports1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE drift_reports (
        id bigserial PRIMARY KEY,
        run_id bigint NOT NULL REFERENCES job_runs(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        slot timestamptz NOT NULL,
        summary jsonb NOT NULL,
        findings jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX drift_reports_created_idx ON drift_reports (created_at DESC, id DESC)`);
    await q.query(`CREATE UNIQUE INDEX drift_reports_run_idx ON drift_reports (run_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE drift_reports`);
  }
}
