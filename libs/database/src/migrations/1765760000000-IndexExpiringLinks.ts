import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The expiry job (libs/identifications/src/expiry) takes the identifications whose url ran out, oldest
 * first, a batch at a time: an index over the url's end of the statuses that can expire finds them without
 * reading the hundreds of thousands of other pending, aborted or canceled rows whose url is still valid.
 */
export class IndexExpiringLinks1765760000000 implements MigrationInterface {
  name = 'IndexExpiringLinks1765760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX identifications_expiring_idx ON identifications (url_expires_at, id)
        WHERE status IN ('pending', 'aborted', 'canceled')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX identifications_expiring_idx`);
  }
}
