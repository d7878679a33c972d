import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { PartnerAuthModule } from '#kyc/auth';
import { type Clock, CoreModule, type Env } from '#kyc/common';
import { DatabaseModule } from '#kyc/database';
import { AdminDocumentsModule, DocumentsModule, EvidenceCaptureModule } from '#kyc/documents';
import { AnalyticsJobsModule, FailureAnalyticsModule } from '#kyc/failure-analytics';
import { IdempotencyModule } from '#kyc/idempotency';
import { IdentificationsModule, ReviewModule } from '#kyc/identifications';
import { IdnowModule, IdnowSandboxModule } from '#kyc/idnow';
import { MetricsEndpointModule, MetricsModule } from '#kyc/metrics';
import { PersonsModule } from '#kyc/persons';
import { RateLimitsModule } from '#kyc/rate-limits';
import { ReconciliationModule } from '#kyc/reconciliation';
import { StaffModule } from '#kyc/staff';
import { SupportModule } from '#kyc/support';
import { AdminWebhooksModule, WebhookRelayModule, WebhooksModule } from '#kyc/webhooks';
import { DemoDataModule } from './demo/demo-data.module.js';
import { HealthController } from './health/health.controller.js';

/** The api composes the domain libs; it holds no rules of its own. */
@Module({})
export class AppModule {
  static forRoot(env: Env, databaseUrl: string, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(env, clock),
        MetricsModule,
        MetricsEndpointModule,
        DatabaseModule.forRoot({
          url: databaseUrl,
          poolSize: env.DB_POOL_SIZE,
          statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
        }),
        AuditModule,
        StaffModule,
        PartnerAuthModule,
        RateLimitsModule,
        IdempotencyModule,
        PersonsModule,
        IdentificationsModule,
        ReviewModule,
        IdnowModule,
        DocumentsModule,
        AdminDocumentsModule,
        WebhooksModule,
        AdminWebhooksModule,
        FailureAnalyticsModule,
        SupportModule,
        // The jobs' admin API and "run now" always; their schedules only where the api runs the jobs.
        ReconciliationModule.forRoot({
          schedule: env.RUN_JOBS_IN_API === 'true' && env.JOB_SCHEDULES_ENABLED === 'true',
        }),
        // Production runs the jobs in `npm run start:worker` processes; elsewhere the api runs them.
        ...(env.RUN_JOBS_IN_API === 'true'
          ? [WebhookRelayModule, EvidenceCaptureModule, AnalyticsJobsModule]
          : []),
        // The offline IDnow sandbox exists only in sandbox mode: production exposes none of its routes.
        ...(env.APP_ENV === 'sandbox' ? [IdnowSandboxModule, DemoDataModule] : []),
      ],
      controllers: [HealthController],
    };
  }
}
