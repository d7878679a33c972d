import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the missed-results job last asked the provider about an identification, in which status, and how
 * often in a row: the job polls the longest-unasked first and spaces out repeated polls of an identification
 * the provider has no news about (a link nobody opens stays pending for 14 days). No personal data.
 */
export class CreateIdentificationResultPolls1765710000000 implements MigrationInterface {
  name = 'CreateIdentificationResultPolls1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identification_result_polls (
        identification_id char(36) PRIMARY KEY REFERENCES identifications(id) ON DELETE CASCADE,
        status text NOT NULL,
        polled_at timestamptz NOT NULL,
        polls integer NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identification_result_polls`);
  }
}
