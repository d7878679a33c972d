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

/** Apply pending migrations; used at start-up, by `npm run db:migrate` and by the test setup. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2 }) });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
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
