import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance review: an identification is an open case while `case_opened_at` is set (review status,
 * or flagged), due `case_due_at`; one assignee at most; who decided. Four-eyes proposals, internal notes
 * (append-only) and re-identifications (the per-person rate limit counts them).
 */
export class CreateReviewQueue1765100000000 implements MigrationInterface {
  name = 'CreateReviewQueue1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identifications
        ADD COLUMN case_opened_at timestamptz,
        ADD COLUMN case_due_at timestamptz,
        ADD COLUMN assignee_id uuid REFERENCES staff_users(id),
        ADD COLUMN assigned_at timestamptz,
        ADD COLUMN decided_by uuid REFERENCES staff_users(id),
        ADD COLUMN decided_at timestamptz`);
    await q.query(`
      UPDATE identifications
         SET case_opened_at = coalesce(review_started_at, updated_at),
             case_due_at = coalesce(review_started_at, updated_at) + interval '24 hours'
       WHERE status IN ('pending_successful', 'pending_failed') OR flagged`);
    // The queue reads open cases only: SLA order, and per assignee.
    await q.query(
      `CREATE INDEX identifications_open_cases_idx ON identifications (case_due_at, id) WHERE case_opened_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX identifications_open_assignee_idx ON identifications (assignee_id, case_due_at, id)
         WHERE case_opened_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE review_proposals (
        id bigserial PRIMARY KEY,
        identification_id char(36) NOT NULL REFERENCES identifications(id),
        action text NOT NULL CHECK (action IN ('approve', 'reject', 'retry', 'reidentify')),
        reason_code text NOT NULL,
        justification text NOT NULL,
        identification_version integer NOT NULL,
        proposed_by uuid NOT NULL REFERENCES staff_users(id),
        proposed_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'declined', 'superseded')),
        resolved_by uuid REFERENCES staff_users(id),
        resolved_at timestamptz,
        CHECK (resolved_by IS NULL OR resolved_by <> proposed_by)
      )`);
    // One proposal awaits a second officer per case at a time.
    await q.query(
      `CREATE UNIQUE INDEX review_proposals_pending_idx ON review_proposals (identification_id) WHERE state = 'pending'`,
    );
    await q.query(`CREATE INDEX review_proposals_case_idx ON review_proposals (identification_id, id)`);
    await q.query(`
      CREATE TABLE case_notes (
        id bigserial PRIMARY KEY,
        identification_id char(36) NOT NULL REFERENCES identifications(id),
        author_id uuid NOT NULL REFERENCES staff_users(id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX case_notes_case_idx ON case_notes (identification_id, id)`);
    await q.query(`CREATE TRIGGER case_notes_append_only BEFORE UPDATE OR DELETE ON case_notes
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER case_notes_no_truncate BEFORE TRUNCATE ON case_notes
                   FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TABLE reidentifications (
        id bigserial PRIMARY KEY,
        person_id char(36) NOT NULL REFERENCES persons(id),
        from_identification_id char(36) NOT NULL REFERENCES identifications(id),
        to_identification_id char(36) REFERENCES identifications(id),
        mode text NOT NULL CHECK (mode IN ('same_url', 'new_identification')),
        requested_by uuid NOT NULL REFERENCES staff_users(id),
        override_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX reidentifications_person_idx ON reidentifications (person_id, created_at)`);
    // The case timeline finds an identification's webhook deliveries through its outbox events.
    await q.query(`CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (domain_event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_deliveries_event_idx`);
    await q.query(`DROP TABLE reidentifications`);
    await q.query(`DROP TABLE case_notes`);
    await q.query(`DROP TABLE review_proposals`);
    await q.query(`DROP INDEX identifications_open_assignee_idx`);
    await q.query(`DROP INDEX identifications_open_cases_idx`);
    await q.query(`
      ALTER TABLE identifications
        DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN assigned_at, DROP COLUMN assignee_id,
        DROP COLUMN case_due_at, DROP COLUMN case_opened_at`);
  }
}
