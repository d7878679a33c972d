import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console staff and their sessions. Passwords are argon2id hashes; session and CSRF tokens are stored
 * as SHA-256 digests, so a copy of the table opens no session.
 */
export class CreateStaff1764800000000 implements MigrationInterface {
  name = 'CreateStaff1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'compliance_officer', 'support_agent')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_users_email_idx ON staff_users (lower(email))`);
    await q.query(`
      CREATE TABLE staff_sessions (
        id char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES staff_users(id),
        csrf_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text
      )`);
    await q.query(
      `CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_sessions`);
    await q.query(`DROP TABLE staff_users`);
  }
}
