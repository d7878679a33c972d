import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks: subscriptions (secret encrypted, never hashed: it must sign), one delivery per
 * (domain event, matching subscription) with its retry state, and every attempt. `domain_events.fanned_out_at`
 * marks the outbox rows already turned into deliveries.
 */
export class CreateWebhooks1764600000000 implements MigrationInterface {
  name = 'CreateWebhooks1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id char(36) PRIMARY KEY,
        partner_id varchar(64) NOT NULL REFERENCES partners(id),
        event_type text NOT NULL CHECK (event_type IN ('IDENTIFICATION', 'PERSON_CHANGED')),
        url text NOT NULL,
        secret_encrypted text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        canceled_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX webhook_subscriptions_partner_idx ON webhook_subscriptions (partner_id, created_at, id)
        WHERE deleted_at IS NULL`,
    );
    await q.query(`ALTER TABLE domain_events ADD COLUMN fanned_out_at timestamptz`);
    // Rows written before webhooks existed have no subscriber: nothing to fan out.
    await q.query(`UPDATE domain_events SET fanned_out_at = now()`);
    await q.query(`CREATE INDEX domain_events_fan_out_idx ON domain_events (id) WHERE fanned_out_at IS NULL`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        subscription_id char(36) NOT NULL REFERENCES webhook_subscriptions(id),
        domain_event_id bigint NOT NULL REFERENCES domain_events(id),
        entity_id text NOT NULL,
        webhook_id uuid NOT NULL DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'delivered', 'failed', 'rejected', 'canceled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_expires_at timestamptz,
        first_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (subscription_id, domain_event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (subscription_id, entity_id, id)
        WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id),
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        latency_ms integer NOT NULL,
        response_status integer,
        error text,
        response_head text
      )`);
    await q.query(`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`ALTER TABLE domain_events DROP COLUMN fanned_out_at`);
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
