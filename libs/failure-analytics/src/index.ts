export * from './failure-analytics.module.js';
export * from './analytics-jobs.module.js';
export { AnalyticsRollupModule } from './rollup/analytics-rollup.module.js';
export {
  AnalyticsCountsRepository,
  type CountQuery,
  type CountRow,
} from './rollup/analytics-counts.repository.js';
export { RollupDriftCheck, type RollupDrift, type RollupMismatch } from './rollup/rollup-drift.js';
export { AnalyticsFolder } from './rollup/analytics-folder.js';
export { AnomalyDetector } from './alerts/anomaly-detector.js';
export { AnalyticsService, type CountSource } from './query/analytics.service.js';
export { parseAnalyticsQuery, type AnalyticsQuery } from './query/analytics-query.js';
export { bucketOf, bucketMiddleSeconds } from './query/duration-histogram.js';
