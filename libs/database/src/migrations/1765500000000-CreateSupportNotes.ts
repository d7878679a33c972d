import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support desk's internal notes on a customer (libs/support/src/customer): append-only, like
 * case_notes, so a note once written stays as it was.
 */
export class CreateSupportNotes1765500000000 implements MigrationInterface {
  name = 'CreateSupportNotes1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE support_notes (
        id bigserial PRIMARY KEY,
        person_id char(36) NOT NULL REFERENCES persons(id),
        author_id uuid NOT NULL REFERENCES staff_users(id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX support_notes_person_idx ON support_notes (person_id, id)`);
    await q.query(`CREATE TRIGGER support_notes_append_only BEFORE UPDATE OR DELETE ON support_notes
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER support_notes_no_truncate BEFORE TRUNCATE ON support_notes
                   FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support_notes`);
  }
}
