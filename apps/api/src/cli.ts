import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AuditService } from '#kyc/audit';
import { AnalyticsCountsRepository } from '#kyc/failure-analytics';
import { PartnerAuthService } from '#kyc/auth';
import { ConfigError, loadEnv } from '#kyc/common';
import { connectDatabase, grantAppPrivileges, runMigrations } from '#kyc/database';
import { AppModule } from './app.module.js';
import { SEED_DEMO_USAGE, seedDemo } from './demo/seed-demo.command.js';

const USAGE = `Usage:
  node dist/apps/api/src/cli.js migrate
      Apply pending database migrations (DATABASE_URL, or the embedded engine under DATA_DIR).
  node dist/apps/api/src/cli.js partner:create --name "Acme Bank" [--partner-id acme] [--client-id acme-backend]
      Create a partner (tenant) and an API client. The secret is printed once and stored only hashed.
  node dist/apps/api/src/cli.js analytics:rebuild
      Recompute the failure-analytics rollup from the identification events (safe while the api runs on
      PostgreSQL; on the embedded engine stop the api first).
  node dist/apps/api/src/cli.js audit:verify
      Check the audit trail's hash chain; names the first broken row and exits 1 if there is one.
  node dist/apps/api/src/cli.js db:grants --role kyc_app
      On a PostgreSQL server (DATABASE_URL, as the owner): least privilege for the role the api and workers
      use; no UPDATE, DELETE or TRUNCATE on the append-only tables. Run after migrating.
${SEED_DEMO_USAGE}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (
    !['migrate', 'partner:create', 'analytics:rebuild', 'audit:verify', 'db:grants', 'seed:demo'].includes(
      command ?? '',
    )
  ) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(command ? 2 : 0);
  }
  if (command === 'seed:demo') return seedDemo(rest);
  const env = loadEnv(process.env);
  if (command === 'db:grants') {
    const { values } = parseArgs({ args: rest, options: { role: { type: 'string' } } });
    if (!values.role) throw new ConfigError('db:grants needs --role <name>');
    if (!env.DATABASE_URL) {
      throw new ConfigError(
        'db:grants needs DATABASE_URL: the embedded engine has a single user and no roles',
      );
    }
    await grantAppPrivileges(env.DATABASE_URL, values.role);
    process.stdout.write(`Granted least privilege to ${values.role}.\n`);
    return;
  }
  const db = await connectDatabase(env);
  try {
    const applied = await runMigrations(db.url);
    if (command === 'migrate') {
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
      return;
    }
    if (command === 'analytics:rebuild') {
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, db.url), {
        logger: false,
      });
      try {
        const started = Date.now();
        const { rows } = await app.get(AnalyticsCountsRepository).rebuild();
        process.stdout.write(`Analytics rollup rebuilt: ${rows} rows in ${Date.now() - started} ms.\n`);
      } finally {
        await app.close();
      }
      return;
    }
    if (command === 'audit:verify') {
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, db.url), {
        logger: false,
      });
      try {
        const verdict = await app.get(AuditService).verify();
        if (verdict.ok) {
          process.stdout.write(`Audit chain intact: ${verdict.rows} rows.\n`);
        } else {
          process.stdout.write(
            `Audit chain broken at row ${verdict.brokenAt}: ${verdict.why} (${verdict.rows} rows before it are intact).\n`,
          );
          process.exitCode = 1;
        }
      } finally {
        await app.close();
      }
      return;
    }
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        'partner-id': { type: 'string' },
        'client-id': { type: 'string' },
      },
    });
    if (!values.name) throw new ConfigError('partner:create needs --name');
    const slug =
      values.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'partner';
    const partnerId = values['partner-id'] ?? slug;
    const clientId = values['client-id'] ?? `${partnerId}-${Math.random().toString(36).slice(2, 8)}`;
    const secret = PartnerAuthService.newSecret();
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(env, db.url), { logger: false });
    try {
      await app.get(PartnerAuthService).upsertClient({ id: partnerId, name: values.name }, clientId, secret);
    } finally {
      await app.close();
    }
    process.stdout.write(
      `Partner: ${partnerId}\nClient id: ${clientId}\nClient secret: ${secret}\n(The secret is shown only now; it is stored as an argon2id hash.)\n`,
    );
  } finally {
    await db.engine?.stop();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
