import { Module } from '@nestjs/common';
import { AnalyticsCountsRepository } from './analytics-counts.repository.js';
import { RollupDriftCheck } from './rollup-drift.js';

/** The analytics counts (rollup and raw), shared by the api's queries and the jobs that keep the rollup. */
@Module({
  providers: [AnalyticsCountsRepository, RollupDriftCheck],
  exports: [AnalyticsCountsRepository, RollupDriftCheck],
})
export class AnalyticsRollupModule {}
