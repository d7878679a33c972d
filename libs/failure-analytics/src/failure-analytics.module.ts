import { Module } from '@nestjs/common';
import { AlertsController } from './alerts/alerts.controller.js';
import { AlertsRepository } from './alerts/alerts.repository.js';
import { FailureCodesController } from './catalog/failure-codes.controller.js';
import { AnalyticsController } from './query/analytics.controller.js';
import { AnalyticsService } from './query/analytics.service.js';
import { AnalyticsRollupModule } from './rollup/analytics-rollup.module.js';

/**
 * Where identifications fail and why: the failure-code catalog with guidance, the analytics read from
 * the rollup, and the failure-rate alerts. The jobs keeping the rollup and raising alerts are
 * AnalyticsJobsModule (worker, or the api outside production).
 */
@Module({
  imports: [AnalyticsRollupModule],
  controllers: [FailureCodesController, AnalyticsController, AlertsController],
  providers: [AnalyticsService, AlertsRepository],
  exports: [AnalyticsService],
})
export class FailureAnalyticsModule {}
