import { type DynamicModule, Module } from '@nestjs/common';
import { type Clock, CoreModule, type Env } from '#kyc/common';
import { DatabaseModule } from '#kyc/database';
import { EvidenceCaptureModule } from '#kyc/documents';
import { AnalyticsJobsModule } from '#kyc/failure-analytics';
import { IdnowProviderModule } from '#kyc/idnow';
import { MetricsModule } from '#kyc/metrics';
import { ReconciliationModule } from '#kyc/reconciliation';
import { WebhookRelayModule } from '#kyc/webhooks';

/** The worker composes the background jobs of the domain libs; it serves no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(env: Env, databaseUrl: string, clock?: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(env, clock),
        // The libs' metrics need a registry; the worker serves none (its job runs show in the api's /metrics).
        MetricsModule,
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: env.DB_POOL_SIZE }),
        WebhookRelayModule,
        IdnowProviderModule,
        EvidenceCaptureModule,
        AnalyticsJobsModule,
        ReconciliationModule.forRoot({ schedule: env.JOB_SCHEDULES_ENABLED === 'true' }),
      ],
    };
  }
}
