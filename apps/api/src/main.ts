import 'reflect-metadata';
import { ConfigError, createLogger, GracefulDrain, loadEnv, PublicUrl } from '#kyc/common';
import { connectDatabase, runMigrations } from '#kyc/database';
import { createApp } from './create-app.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { provisionSandboxPartner } from './sandbox-partner.js';

async function main(): Promise<void> {
  const env = loadEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  const db = await connectDatabase(env);
  logger.info({ engine: db.kind }, 'database connected');
  const applied = await runMigrations(db.url);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  const app = await createApp(env, db.url, logger);
  await provisionSandboxPartner(app, env);
  const fastify = app.getHttpAdapter().getInstance();
  const drain = new GracefulDrain().install(fastify);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, inFlight: drain.requestsInFlight }, 'shutting down: draining requests in flight');
    const drained = await drain.drain(fastify, env.SHUTDOWN_GRACE_MS);
    if (drained.drained) logger.info({ ms: drained.ms }, 'drained');
    else
      logger.warn(
        { ms: drained.ms, inFlight: drained.inFlight },
        'grace period over: cutting requests in flight',
      );
    await app.close();
    await db.engine?.stop();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  app.get(PublicUrl).setIfUnset(url);
  logger.info({ url, mode: env.APP_ENV, engine: db.kind }, 'listening');
  const lines = [
    `KYC back-office listening on ${url} (${env.APP_ENV} mode, ${db.kind} database)`,
    `  API docs: ${url}/docs`,
  ];
  if (env.APP_ENV === 'sandbox') {
    lines.push(
      `  Sandbox partner client id: ${env.PARTNER_CLIENT_ID} (secret: see README)`,
      `  Console admin: ${env.ADMIN_EMAIL} (password: see README)`,
    );
    const demo = app.get(DemoDataService, { strict: false });
    if (demo.available && (await demo.isEmpty())) {
      lines.push(
        '  No data yet: press "Load demo data" on the console dashboard, or stop the api and run npm run seed:demo -- --persons 200',
      );
    }
  }
  process.stderr.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`,
    );
  }
  process.exit(1);
});
