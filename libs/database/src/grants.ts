import pg from 'pg';

/**
 * Tables that only ever grow: a trigger refuses UPDATE, DELETE and TRUNCATE on each (see the migrations),
 * and the application's role gets no such grants on them either.
 */
export const APPEND_ONLY_TABLES = [
  'identification_events',
  'provider_results',
  'person_data_changes',
  'audit_events',
  'case_notes',
  'support_notes',
];

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Least privilege for the role the api and workers connect as, on a PostgreSQL server: read and write
 * on the tables, but no UPDATE, DELETE or TRUNCATE on the append-only ones, and no DDL (run migrations
 * as the owner with `npm run db:migrate`). Run it again after each migration that adds tables.
 */
export async function grantAppPrivileges(url: string, role: string): Promise<void> {
  if (!ROLE.test(role))
    throw new Error(`--role must be a plain PostgreSQL role name, not ${JSON.stringify(role)}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ exists }] = (
      await client.query<{ exists: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`,
        [role],
      )
    ).rows;
    if (!exists) throw new Error(`Role ${role} does not exist: CREATE ROLE ${role} LOGIN PASSWORD '…' first`);
    await client.query('BEGIN');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${role}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${role}`);
    // The one way past the append-only triggers: retention's erasure (docs/RETENTION.md).
    await client.query(`GRANT EXECUTE ON FUNCTION kyc_retention_erase(char, boolean) TO ${role}`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}
