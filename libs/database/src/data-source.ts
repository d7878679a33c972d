import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { ScopedTimeoutClient } from './statement-timeout.js';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  /**
   * The api: connections take the statement timeout of the request they serve (statement-timeout.ts);
   * outside a request (jobs, migrations) none. Any value > 0 turns this on; the request hook sets the ms.
   */
  statementTimeoutMs?: number;
}

export function dataSourceOptions(opts: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    extra: {
      max: opts.poolSize,
      ...(opts.statementTimeoutMs ? { Client: ScopedTimeoutClient } : {}),
    },
  };
}

/** The advisory lock key under which one process at a time migrates a database ('kycM'). */
export const MIGRATION_LOCK_KEY = 0x6b79634d;

/**
 * Apply pending migrations; used at start-up, by `npm run db:migrate` and by the test setup. Several apis
 * starting at once (a rolling deploy, the scale test) take turns under a session advisory lock held on a
 * connection of its own: the first applies what is pending, the others wait and then find nothing to do.
 * On the embedded engine the lock excludes nobody, but only one process can open its data directory.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2 }) });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.release(); // back to the pool, which destroy() closes: that ends the session and its lock
    await ds.destroy();
  }
}

/** Whether migrations are still to run: the worker waits for the api (or `npm run db:migrate`) instead. */
export async function hasPendingMigrations(url: string): Promise<boolean> {
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 1 }) });
  await ds.initialize();
  try {
    return await ds.showMigrations();
  } finally {
    await ds.destroy();
  }
}
