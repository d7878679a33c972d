import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The resource a claimed request created, written in the creating transaction: a retry after a crash
 * between that commit and the stored reply answers it instead of creating it again (docs/IDEMPOTENCY.md).
 */
export class AddIdempotencyResourcePath1765900000000 implements MigrationInterface {
  name = 'AddIdempotencyResourcePath1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN resource_path text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN resource_path`);
  }
}
