import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of partner POSTs (libs/idempotency): one row per partner and key, claimed `in_flight`
 * before the handler runs, then `completed` with the exact reply (status, content type, body bytes) until
 * `expires_at`. Only a digest of the request body is kept; the `idempotency_purge` job deletes expired rows.
 */
export class CreateIdempotencyKeys1765800000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        partner_id varchar(64) NOT NULL REFERENCES partners(id),
        idempotency_key varchar(255) NOT NULL,
        method varchar(10) NOT NULL,
        path text NOT NULL,
        request_hash char(64),
        state varchar(16) NOT NULL CHECK (state IN ('in_flight', 'completed')),
        claim_token uuid NOT NULL,
        locked_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        completed_at timestamptz,
        response_status smallint,
        response_content_type text,
        response_body bytea,
        PRIMARY KEY (partner_id, idempotency_key),
        CHECK (state = 'in_flight' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
