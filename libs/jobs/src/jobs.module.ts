import { type DynamicModule, type ModuleMetadata, Module, type Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '#kyc/audit';
import { JobsController } from './admin/jobs.controller.js';
import { JobMetrics } from './job-metrics.js';
import { JobRunner } from './job-runner.js';
import { JobRunsRepository } from './job-runs.repository.js';
import { JOB_SETTINGS, JobScheduler } from './job-scheduler.js';
import { readJobSettings } from './job-settings.js';
import { SCHEDULED_JOBS, type ScheduledJob } from './scheduled-job.js';

export interface JobsModuleOptions {
  /** The job classes; their dependencies come from `imports`. */
  jobs: Type<ScheduledJob>[];
  imports: NonNullable<ModuleMetadata['imports']>;
  /** Put the enabled jobs on their schedules in this process (the worker; the api in embedded mode). */
  schedule: boolean;
  /** Where `JOB_<NAME>_SCHEDULE` / `_ENABLED` are read (default: the process environment). */
  settings?: Record<string, string | undefined>;
}

/**
 * Scheduled jobs with run rows: the runner and the admin API always (so "run now" works from the api),
 * the cron schedules only where `schedule` is set.
 */
@Module({})
export class JobsModule {
  static forRoot(o: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [AuditModule, ...o.imports, ...(o.schedule ? [ScheduleModule.forRoot()] : [])],
      controllers: [JobsController],
      providers: [
        ...o.jobs,
        { provide: SCHEDULED_JOBS, useFactory: (...jobs: ScheduledJob[]) => jobs, inject: o.jobs },
        {
          provide: JOB_SETTINGS,
          useFactory: (jobs: ScheduledJob[]) =>
            readJobSettings(
              jobs.map((j) => j.definition),
              o.settings ?? process.env,
            ),
          inject: [SCHEDULED_JOBS],
        },
        JobRunsRepository,
        JobRunner,
        JobMetrics,
        ...(o.schedule ? [JobScheduler] : []),
      ],
      exports: [JobRunner, JobRunsRepository, ...o.jobs],
    };
  }
}
