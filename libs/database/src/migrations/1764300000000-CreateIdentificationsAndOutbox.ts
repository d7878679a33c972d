import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables that must never change once written refuse UPDATE, DELETE and TRUNCATE in the database itself. */
const APPEND_ONLY = ['identification_events', 'provider_results', 'person_data_changes'];

export class CreateIdentificationsAndOutbox1764300000000 implements MigrationInterface {
  name = 'CreateIdentificationsAndOutbox1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identifications (
        id char(36) PRIMARY KEY,
        partner_id varchar(64) NOT NULL REFERENCES partners(id),
        person_id char(36) NOT NULL REFERENCES persons(id),
        method text NOT NULL,
        status text NOT NULL,
        language char(2),
        proof_of_address_type text,
        proof_of_address_issued_at date,
        reference text,
        url text,
        url_expires_at timestamptz,
        estimated_waiting_time integer,
        failure_reason text,
        provider_result text,
        completed_at timestamptz,
        requested_at timestamptz,
        review_started_at timestamptz,
        flagged boolean NOT NULL DEFAULT false,
        flag_reasons jsonb NOT NULL DEFAULT '[]',
        previous_identification_id char(36) REFERENCES identifications(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX identifications_person_idx ON identifications (partner_id, person_id, created_at)`,
    );
    await q.query(`CREATE INDEX identifications_status_idx ON identifications (status, updated_at)`);
    await q.query(`
      CREATE TABLE provider_results (
        id bigserial PRIMARY KEY,
        identification_id char(36) NOT NULL REFERENCES identifications(id),
        provider text NOT NULL,
        result text NOT NULL,
        payload jsonb NOT NULL,
        payload_sha256 char(64) NOT NULL,
        source text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (identification_id, payload_sha256)
      )`);
    await q.query(`
      CREATE TABLE identification_events (
        id bigserial PRIMARY KEY,
        identification_id char(36) NOT NULL REFERENCES identifications(id),
        kind text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        actor_id text,
        reason_code text,
        provider_result_id bigint REFERENCES provider_results(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX identification_events_identification_idx ON identification_events (identification_id, id)`,
    );
    await q.query(`
      CREATE TABLE person_data_changes (
        id bigserial PRIMARY KEY,
        person_id char(36) NOT NULL REFERENCES persons(id),
        identification_id char(36) REFERENCES identifications(id),
        field text NOT NULL,
        old_value text,
        new_value text,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_data_changes_person_idx ON person_data_changes (person_id, id)`);
    await q.query(`
      CREATE TABLE provider_callbacks (
        id bigserial PRIMARY KEY,
        provider text NOT NULL,
        transaction_number text NOT NULL,
        body jsonb NOT NULL,
        body_sha256 char(64) NOT NULL,
        source_ip text,
        received_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text,
        last_error text,
        UNIQUE (provider, body_sha256)
      )`);
    await q.query(
      `CREATE INDEX provider_callbacks_due_idx ON provider_callbacks (next_attempt_at) WHERE processed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE domain_events (
        id bigserial PRIMARY KEY,
        event_type text NOT NULL,
        partner_id varchar(64) NOT NULL,
        entity_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX domain_events_entity_idx ON domain_events (entity_id, id)`);
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                     FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                     FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'domain_events',
      'provider_callbacks',
      'person_data_changes',
      'identification_events',
      'provider_results',
      'identifications',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION refuse_change()`);
  }
}
