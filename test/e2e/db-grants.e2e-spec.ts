import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { APPEND_ONLY_TABLES, grantAppPrivileges } from '#kyc/database';
import { adminQuery, createTestDatabase, serverUrl, type TestDatabase } from '#kyc/testing';

const run = promisify(execFile);

describe('least privilege for the application role', () => {
  let db: TestDatabase;
  const role = `kyc_app_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    if (serverUrl()) await adminQuery(`DROP ROLE IF EXISTS ${role}`);
  });

  it('keeps the append-only list in step with the tables that carry the append-only trigger', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string }>(
        `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE t.tgname LIKE '%\\_append\\_only' ORDER BY 1`,
      );
      expect(rows.map((r) => r.table)).toEqual([...APPEND_ONLY_TABLES].sort());
    } finally {
      await client.end();
    }
  });

  if (serverUrl()) {
    it('lets the role read and write, but never update or delete an append-only row, nor change the schema', async () => {
      await adminQuery(`CREATE ROLE ${role} LOGIN`);
      await grantAppPrivileges(db.url, role);
      const url = new URL(db.url);
      url.username = role;
      url.password = '';
      const app = new pg.Client({ connectionString: url.toString() });
      await app.connect();
      try {
        await app.query(`SELECT count(*) FROM audit_events`);
        await app.query(`UPDATE partners SET name = name WHERE false`);
        for (const table of APPEND_ONLY_TABLES) {
          await expect(app.query(`UPDATE ${table} SET id = id WHERE false`)).rejects.toThrow(
            `permission denied for table ${table}`,
          );
          await expect(app.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(
            `permission denied for table ${table}`,
          );
          await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(
            `permission denied for table ${table}`,
          );
        }
        await expect(app.query(`DROP TABLE persons`)).rejects.toThrow(/must be owner/);
        await expect(app.query(`DELETE FROM migrations`)).rejects.toThrow(
          'permission denied for table migrations',
        );
      } finally {
        await app.end();
      }
    });

    it('refuses a role name that is not a plain identifier', async () => {
      await expect(grantAppPrivileges(db.url, 'x; DROP TABLE persons')).rejects.toThrow(
        /plain PostgreSQL role name/,
      );
    });
  } else {
    it('says why there is nothing to grant on the embedded engine', async () => {
      const res = await run(
        process.execPath,
        ['dist/apps/api/src/cli.js', 'db:grants', '--role', 'kyc_app'],
        {
          env: {
            ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
            DATA_DIR: db.dataDir,
          },
        },
      ).catch((e: { code: number; stderr: string }) => e);
      expect(res).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('the embedded engine has a single user'),
      });
    });
  }
});
