import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, createLogger, loadEnv, PublicUrl } from '#kyc/common';
import { connectDatabase, DataDirInUseError, runMigrations } from '#kyc/database';
import { createApp } from '../create-app.js';
import { provisionSandboxPartner } from '../sandbox-partner.js';
import { DEFAULT_DEMO_DAYS, DEFAULT_DEMO_SEED } from './demo-data.service.js';
import { DemoSeeder } from './demo-seeder.js';
import { ProgressBar } from './progress.js';

export const SEED_DEMO_USAGE = `  node dist/apps/api/src/cli.js seed:demo --persons 200 [--seed 1] [--days 30] [--end <ISO time>]
      Sandbox mode: fill the database with demo customers whose identifications are played through the
      real services and the built-in IDnow sandbox, over the last --days days up to --end (default: the
      start of this hour). The same seed gives the same data (docs/DEMO-DATA.md). On the embedded engine
      stop the api first, or use the console's "Load demo data".`;

/** Concurrent customers: the embedded engine runs one statement at a time, a server many. */
const CONCURRENCY = { embedded: 3, server: 8 } as const;

/**
 * `seed:demo`: the whole api runs in this process on a free local port, so the adapter, the sandbox
 * and its callbacks speak real HTTP, as they do under `npm start`; jobs are left to the api.
 */
export async function seedDemo(args: string[]): Promise<void> {
  const opts = parseSeedArgs(args);
  const vars: NodeJS.ProcessEnv = { ...process.env, RUN_JOBS_IN_API: 'false', SANDBOX_TICK_MS: '0' };
  // The sandbox's callbacks must reach this process, not an address configured for the api.
  delete vars.PUBLIC_URL;
  const env = loadEnv({ LOG_LEVEL: 'warn', ...vars });
  if (env.APP_ENV !== 'sandbox')
    throw new ConfigError('seed:demo runs in sandbox mode only (APP_ENV=sandbox).');
  if (env.IDNOW_BASE_URL) {
    throw new ConfigError('seed:demo plays the built-in IDnow sandbox: unset IDNOW_BASE_URL.');
  }
  const db = await connectDatabase(env).catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new ConfigError(
      `The embedded database in ${error.dataDir} is in use by process ${error.holder} (is the api running?). ` +
        `Stop it and run seed:demo again, or load demo data from the running api: sign in to the console ` +
        `as an admin and press "Load demo data" on the dashboard.`,
    );
  });
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    await runMigrations(db.url);
    const logger = createLogger(env.LOG_LEVEL, pino.destination(2));
    const app = await createApp(env, db.url, logger);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.getHttpAdapter().getInstance().server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      app.get(PublicUrl).setIfUnset(`http://127.0.0.1:${port}`);
      await provisionSandboxPartner(app, env);
      const bar = new ProgressBar(process.stderr, 'Demo data');
      const started = Date.now();
      const summary = await app.get(DemoSeeder).run({
        ...opts,
        concurrency: CONCURRENCY[db.kind],
        signal: abort.signal,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.finish();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `${abort.signal.aborted ? 'Interrupted after' : 'Loaded'} ${summary.persons} demo persons with ` +
          `${summary.identifications} identifications, ${opts.days} days up to ${summary.end.toISOString()} ` +
          `(seed ${opts.seed}), in ${seconds} s.\n`,
      );
    } finally {
      await app.close();
    }
  } finally {
    process.off('SIGINT', stop);
    await db.engine?.stop();
  }
}

function parseSeedArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      persons: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      end: { type: 'string' },
    },
  });
  const end = values.end === undefined ? undefined : new Date(values.end);
  if (end && Number.isNaN(end.getTime())) throw new ConfigError('--end must be an ISO 8601 time');
  if (end && end.getTime() > Date.now()) throw new ConfigError('--end must not be in the future');
  return {
    persons: wholeNumber('persons', values.persons, 1, 100_000),
    seed: wholeNumber('seed', values.seed ?? String(DEFAULT_DEMO_SEED), 0, 2 ** 31 - 1),
    days: wholeNumber('days', values.days ?? String(DEFAULT_DEMO_DAYS), 1, 365),
    end,
  };
}

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) throw new ConfigError(`seed:demo needs --${name} <n>`);
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}
