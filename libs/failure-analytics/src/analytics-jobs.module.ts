import { Module } from '@nestjs/common';
import { AlertsRepository } from './alerts/alerts.repository.js';
import { AnomalyDetector } from './alerts/anomaly-detector.js';
import { AnalyticsFolder } from './rollup/analytics-folder.js';
import { AnalyticsRollupModule } from './rollup/analytics-rollup.module.js';

/** The analytics jobs: fold the counts into the rollup, and raise failure-rate alerts. */
@Module({
  imports: [AnalyticsRollupModule],
  providers: [AnalyticsFolder, AnomalyDetector, AlertsRepository],
  exports: [AnalyticsFolder, AnomalyDetector],
})
export class AnalyticsJobsModule {}
