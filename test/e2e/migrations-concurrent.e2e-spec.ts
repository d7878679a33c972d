import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { MIGRATIONS, runMigrations } from '#kyc/database';
import { adminQuery, serverUrl, withDatabase } from '#kyc/testing';

// On the embedded engine only one process can open a data directory (process-lifecycle), so start-ups
// cannot race there; on a server they can, and must take turns.
const onServer = serverUrl() ? it : it.skip;

describe('migrations when several apis start at once on one PostgreSQL', () => {
  onServer(
    'three start-ups on an empty database: one applies every migration, the others wait and apply none',
    async () => {
      const name = `kyc_m_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      try {
        const url = withDatabase(serverUrl()!, name);
        const applied = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
        expect(applied.map((a) => a.length).sort((a, b) => a - b)).toEqual([0, 0, MIGRATIONS.length]);

        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ name: string; n: number }>(
            'SELECT name, count(*)::int AS n FROM migrations GROUP BY name',
          );
          expect(rows).toHaveLength(MIGRATIONS.length);
          expect(rows.every((r) => r.n === 1)).toBe(true);
          // The lock went with its session: the next start-up takes it at once.
          expect(await runMigrations(url)).toEqual([]);
        } finally {
          await client.end();
        }
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    },
  );
});
