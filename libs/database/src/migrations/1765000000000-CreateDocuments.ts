import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents (partner uploads and the provider's evidence) and the queue of evidence captures. A document
 * row is written only after its file is complete in storage, so no row points at a partial file; the
 * row is never deleted by the API (a partner delete sets deleted_at; retention decides the rest).
 */
export class CreateDocuments1765000000000 implements MigrationInterface {
  name = 'CreateDocuments1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id char(36) PRIMARY KEY,
        partner_id varchar(64) NOT NULL REFERENCES partners(id),
        person_id char(36) NOT NULL REFERENCES persons(id),
        identification_id char(36) REFERENCES identifications(id),
        name text NOT NULL,
        content_type text NOT NULL,
        document_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL UNIQUE,
        source text NOT NULL CHECK (source IN ('partner', 'provider')),
        provider_file text,
        partner_visible boolean NOT NULL DEFAULT true,
        customer_accessible boolean NOT NULL DEFAULT false,
        provider_canceled_at timestamptz,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CHECK ((source = 'provider') = (provider_file IS NOT NULL AND identification_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX documents_person_idx ON documents (person_id, created_at, id)`);
    await q.query(
      `CREATE INDEX documents_identification_idx ON documents (identification_id, created_at, id)
         WHERE identification_id IS NOT NULL`,
    );
    // One copy of each provider file per identification: a capture that runs twice stores nothing new.
    await q.query(
      `CREATE UNIQUE INDEX documents_provider_file_idx ON documents (identification_id, provider_file, sha256)
         WHERE provider_file IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE evidence_captures (
        identification_id char(36) NOT NULL REFERENCES identifications(id),
        status text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'unavailable', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        documents integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        PRIMARY KEY (identification_id, status)
      )`);
    await q.query(
      `CREATE INDEX evidence_captures_due_idx ON evidence_captures (next_attempt_at) WHERE state = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_captures`);
    await q.query(`DROP TABLE documents`);
  }
}
