import { Module } from '@nestjs/common';
import { DriftReportsController } from './drift-reports.controller.js';
import { DriftReportsRepository } from './drift-reports.repository.js';

/** The drift reports' store and admin API; the job (drift-report.job.ts) writes through the repository. */
@Module({
  controllers: [DriftReportsController],
  providers: [DriftReportsRepository],
  exports: [DriftReportsRepository],
})
export class DriftReportModule {}
