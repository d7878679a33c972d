import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { createApp } from '../../apps/api/src/create-app.js';
import { type Clock, createLogger, type Env, loadEnv, PublicUrl } from '#kyc/common';
import { createTestDatabase, testLogFile, type TestDatabase } from '#kyc/testing';
import { ResponseContract } from './response-contract.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL of the app listening on 127.0.0.1: tests speak real HTTP. */
  url: string;
  env: Env;
  db: TestDatabase;
  /**
   * Stop the app, drop its database, then run `alsoStop` (the test's fakes and receivers) whatever happened,
   * and last fail the file if an answer broke its schema.
   */
  close(...alsoStop: (() => Promise<unknown>)[]): Promise<void>;
}

/** The whole api on its own database, listening on a free port. */
export async function startTestApp(
  opts: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  // The jobs' cron schedules stay off: a test runs a job itself, at the instant it chooses.
  const env = loadEnv({
    APP_ENV: 'sandbox',
    // Debug, so the canary scan also sees debug lines (no measurable cost: README); KYC_TEST_LOG_LEVEL overrides.
    LOG_LEVEL: process.env.KYC_TEST_LOG_LEVEL ?? 'debug',
    DATA_DIR: db.dataDir,
    JOB_SCHEDULES_ENABLED: 'false',
    ...opts.env,
  });
  // Every test log line lands in one file per run, so the suite can be scanned for personal data.
  const logFile = testLogFile();
  const logger =
    env.LOG_LEVEL === 'silent'
      ? createLogger('silent')
      : createLogger(env.LOG_LEVEL, pino.destination({ dest: logFile, sync: true, mkdir: true }));
  const app = await createApp(env, db.url, logger, opts.clock);
  const contract = new ResponseContract();
  contract.install(app.getHttpAdapter().getInstance());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpAdapter().getInstance().server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  app.get(PublicUrl).setIfUnset(`http://127.0.0.1:${port}`);
  await contract.load(`http://127.0.0.1:${port}`);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    env,
    db,
    async close(...alsoStop) {
      try {
        await app.close();
        await db.drop();
      } finally {
        for (const stop of alsoStop) await stop();
      }
      // Every JSON 2xx a test received kept to the route's OpenAPI schema (test/support/response-contract.ts).
      contract.assertKept();
    },
  };
}
