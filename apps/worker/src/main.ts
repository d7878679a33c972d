import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, loadEnv, PinoNestLogger } from '#kyc/common';
import { hasPendingMigrations } from '#kyc/database';
import { WorkerModule } from './worker.module.js';

/**
 * `npm run start:worker`: the background jobs in their own process, against the PostgreSQL server the
 * api uses. Start as many as you like; they share the work through row locks and leases.
 */
async function main(): Promise<void> {
  const env = loadEnv(process.env);
  if (!env.DATABASE_URL) {
    throw new ConfigError(
      'Invalid setting DATABASE_URL: the worker needs the PostgreSQL server the api uses (on the embedded engine the api runs the jobs itself)',
    );
  }
  const logger = createLogger(env.LOG_LEVEL);
  if (env.APP_ENV === 'sandbox' && !env.IDNOW_BASE_URL && !env.PUBLIC_URL) {
    // The sandbox IDnow lives in the api: without its address, evidence captures fail and are retried.
    logger.warn('set PUBLIC_URL to the api address so the worker can reach its IDnow sandbox');
  }
  // The api migrates at start-up; a worker never changes the schema, it waits for it.
  for (let waited = 0; await hasPendingMigrations(env.DATABASE_URL); waited += 2) {
    if (waited >= 120)
      throw new Error('the database schema is not migrated: start the api or run `npm run db:migrate`');
    if (waited === 0) logger.info('waiting for the api to migrate the database');
    await sleep(2000);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env, env.DATABASE_URL), {
    logger: new PinoNestLogger(logger),
  });
  // SIGTERM or SIGINT: stop claiming, let the attempts in flight finish and be recorded, close the pool,
  // exit 0. (A killed worker's claims come back to any worker when their lease expires.)
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app.close();
    } catch (err) {
      logger.error({ err: (err as Error).name }, 'shutdown failed');
      logger.flush();
      process.exit(1);
    }
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.init();
  logger.info(
    { mode: env.APP_ENV, webhookTickMs: env.WEBHOOK_TICK_MS, evidenceTickMs: env.EVIDENCE_TICK_MS },
    'worker started',
  );
  process.stderr.write(
    `KYC worker running (${env.APP_ENV} mode): webhook relay every ${env.WEBHOOK_TICK_MS} ms, evidence capture every ${env.EVIDENCE_TICK_MS} ms\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof ConfigError
      ? `${err.message}\n`
      : `Start-up failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`,
  );
  process.exit(1);
});
