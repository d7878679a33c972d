export * from './scheduled-job.js';
export * from './slots.js';
export * from './job-settings.js';
export * from './job-runs.repository.js';
export * from './job-runner.js';
export * from './job-scheduler.js';
export * from './jobs.module.js';
export * from './batches.js';
