import { type DynamicModule, Module } from '@nestjs/common';
import { EvidenceBacklogModule, RetentionFilesModule } from '#kyc/documents';
import { AnalyticsRollupModule } from '#kyc/failure-analytics';
import { IdempotencyStoreModule } from '#kyc/idempotency';
import { IdentificationsModule, ReviewModule } from '#kyc/identifications';
import { CallbackBacklogModule } from '#kyc/idnow';
import { JobsModule } from '#kyc/jobs';
import { PersonRetentionModule, PersonsModule } from '#kyc/persons';
import { OutboxBacklogModule } from '#kyc/webhooks';
import { AmlFollowUpJob } from './aml-follow-up/aml-follow-up.job.js';
import { DriftReportJob } from './drift-report/drift-report.job.js';
import { DriftReportModule } from './drift-report/drift-report.module.js';
import { ExpireLinksJob } from './expire-links/expire-links.job.js';
import { IdempotencyPurgeJob } from './idempotency-purge/idempotency-purge.job.js';
import { MissedResultsJob } from './missed-results/missed-results.job.js';
import { ReviewSlaJob } from './review-sla/review-sla.job.js';
import { RetentionJob } from './retention/retention.job.js';

/** The jobs that keep our state true (see job-catalog.ts); `schedule` puts them on their cron schedules. */
@Module({})
export class ReconciliationModule {
  static forRoot(o: { schedule: boolean; settings?: Record<string, string | undefined> }): DynamicModule {
    return {
      module: ReconciliationModule,
      imports: [
        JobsModule.forRoot({
          jobs: [
            ExpireLinksJob,
            MissedResultsJob,
            ReviewSlaJob,
            AmlFollowUpJob,
            DriftReportJob,
            RetentionJob,
            IdempotencyPurgeJob,
          ],
          imports: [
            IdentificationsModule,
            ReviewModule,
            PersonsModule,
            DriftReportModule,
            CallbackBacklogModule,
            EvidenceBacklogModule,
            OutboxBacklogModule,
            AnalyticsRollupModule,
            PersonRetentionModule,
            RetentionFilesModule,
            IdempotencyStoreModule,
          ],
          schedule: o.schedule,
          settings: o.settings,
        }),
      ],
      exports: [JobsModule],
    };
  }
}
