import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '#kyc/metrics';
import { JobRunsRepository } from './job-runs.repository.js';

/** Job runs by job and status, read from job_runs at scrape time: the worker processes' runs included. */
@Injectable()
export class JobMetrics {
  constructor(registry: MetricsRegistry, runs: JobRunsRepository) {
    const total = registry.counter(
      'job_runs_total',
      'Runs of the scheduled jobs recorded in job_runs (every process), by job and status (running, succeeded, failed, interrupted).',
      ['job', 'status'],
    );
    registry.onCollect([total], async () => {
      for (const r of await runs.countsByJobAndStatus()) total.set({ job: r.job, status: r.status }, r.n);
    });
  }
}
