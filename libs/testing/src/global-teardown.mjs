import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  if (process.env.DATABASE_URL && process.env.KYC_TEST_TEMPLATE_DB) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${process.env.KYC_TEST_TEMPLATE_DB} WITH (FORCE)`);
    await client.end();
  }
  const root = process.env.KYC_TEST_ROOT;
  if (root && !process.env.KYC_KEEP_TEST_ROOT) rmSync(root, { recursive: true, force: true });
}
