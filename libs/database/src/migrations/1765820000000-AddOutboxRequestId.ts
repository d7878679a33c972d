import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What caused an outbox row: the request id of the HTTP request (sent with its webhooks as X-Request-Id)
 * or `job:<name>:<run id>`; null when unknown (rows written before). Callbacks keep the id of the request
 * that brought them, for the events their processing writes. The metrics endpoint counts job runs by job
 * and status at every scrape: an index-only scan instead of reading the table.
 */
export class AddOutboxRequestId1765820000000 implements MigrationInterface {
  name = 'AddOutboxRequestId1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE domain_events ADD COLUMN request_id text`);
    await q.query(`ALTER TABLE provider_callbacks ADD COLUMN request_id text`);
    await q.query(`CREATE INDEX job_runs_job_status_idx ON job_runs (job, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_runs_job_status_idx`);
    await q.query(`ALTER TABLE provider_callbacks DROP COLUMN request_id`);
    await q.query(`ALTER TABLE domain_events DROP COLUMN request_id`);
  }
}
