import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP second factor (the seed encrypted, the last used time step against replay, one-time recovery codes
 * stored as digests) and failed-login records, so throttling holds across api processes.
 */
export class AddStaffMfaAndLoginThrottle1764900000000 implements MigrationInterface {
  name = 'AddStaffMfaAndLoginThrottle1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_users
        ADD COLUMN mfa_secret_encrypted text,
        ADD COLUMN mfa_pending_secret_encrypted text,
        ADD COLUMN mfa_enabled_at timestamptz,
        ADD COLUMN mfa_last_step bigint NOT NULL DEFAULT -1,
        ADD COLUMN last_login_at timestamptz`);
    await q.query(`
      CREATE TABLE staff_recovery_codes (
        user_id uuid NOT NULL REFERENCES staff_users(id),
        code_hash char(64) NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE staff_login_failures (
        id bigserial PRIMARY KEY,
        email_key text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX staff_login_failures_email_idx ON staff_login_failures (email_key, at)`);
    await q.query(`CREATE INDEX staff_login_failures_ip_idx ON staff_login_failures (ip, at)`);
    await q.query(`ALTER TABLE partner_clients ADD COLUMN last_used_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_clients DROP COLUMN last_used_at`);
    await q.query(`DROP TABLE staff_login_failures`);
    await q.query(`DROP TABLE staff_recovery_codes`);
    await q.query(`
      ALTER TABLE staff_users DROP COLUMN mfa_secret_encrypted, DROP COLUMN mfa_pending_secret_encrypted,
        DROP COLUMN mfa_enabled_at, DROP COLUMN mfa_last_step, DROP COLUMN last_login_at`);
  }
}
