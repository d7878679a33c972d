import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters of the rate limits (libs/rate-limits): one row per key (route class and client or
 * source) and fixed window, shared by every api process. UNLOGGED: no WAL per request, and losing the
 * counts in a crash or a failover only resets the current windows. The key order of the primary key
 * lets the purge of old windows read a range of it.
 */
export class CreateRateLimitBuckets1765810000000 implements MigrationInterface {
  name = 'CreateRateLimitBuckets1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNLOGGED TABLE rate_limit_buckets (
        window_start timestamptz NOT NULL,
        key text NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (window_start, key)
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_buckets`);
  }
}
