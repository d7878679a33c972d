import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: append-only in the database itself (the trigger refuses UPDATE, DELETE and TRUNCATE),
 * each row chained to the previous one by a SHA-256 hash so a change made around the trigger shows.
 */
export class CreateAuditEvents1764700000000 implements MigrationInterface {
  name = 'CreateAuditEvents1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        role text,
        action text NOT NULL,
        entity_type text,
        entity_id text,
        diff jsonb,
        request_id text,
        ip text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id)`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at)`);
    await q.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
                   FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
  }
}
