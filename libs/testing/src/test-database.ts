import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations, startEmbeddedEngine, type EmbeddedEngine } from '#kyc/database';

/**
 * Each test file gets its own database, cloned from a template migrated once in the global setup:
 * on PostgreSQL with CREATE DATABASE ... TEMPLATE, on the embedded engine by copying the data directory.
 */
export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export const TEMPLATE_DB_ENV = 'KYC_TEST_TEMPLATE_DB';
export const TEST_ROOT_ENV = 'KYC_TEST_ROOT';

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Build the migrated template once per run. Test files run in several Jest workers, so the first
 * one takes a directory lock (mkdir is atomic) and the others wait for its marker file.
 */
async function ensureTemplate(root: string): Promise<void> {
  const ready = join(root, 'template.ready');
  if (existsSync(ready)) return;
  try {
    mkdirSync(join(root, 'template.lock'));
  } catch {
    for (let i = 0; i < 1200 && !existsSync(ready); i++) await sleep(100);
    if (!existsSync(ready)) throw new Error('Timed out waiting for the template database');
    return;
  }
  const server = serverUrl();
  if (server) {
    const name = process.env[TEMPLATE_DB_ENV] as string;
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(withDatabase(server, name));
  } else {
    const engine = await startEmbeddedEngine(join(root, 'template'), 2);
    await runMigrations(engine.url);
    await engine.stop();
  }
  writeFileSync(ready, 'ok');
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const root = process.env[TEST_ROOT_ENV];
  if (!root) throw new Error('Run tests through `npm test`: the Jest global setup did not run');
  await ensureTemplate(root);
  const dataDir = join(root, `db-${suffix}`);
  mkdirSync(dataDir, { recursive: true });
  const server = serverUrl();
  if (server) {
    const name = `kyc_t_${suffix}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${process.env[TEMPLATE_DB_ENV]}`);
    return {
      url: withDatabase(server, name),
      dataDir,
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  cpSync(join(root, 'template'), dataDir, { recursive: true });
  const engine: EmbeddedEngine = await startEmbeddedEngine(dataDir, 10);
  return { url: engine.url, dataDir, drop: () => engine.stop() };
}
