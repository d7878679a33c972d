import { describe, expect, it } from '@jest/globals';
import type { Env } from '#kyc/common';
import type { RetentionFilesService } from '#kyc/documents';
import type { RetentionErasureService } from '#kyc/persons';
import { RetentionJob } from './retention.job.js';

const job = (mode: 'dry_run' | 'erase') =>
  new RetentionJob(
    {} as RetentionErasureService,
    {} as RetentionFilesService,
    { JOB_RETENTION_MODE: mode } as Env,
  );

describe('RetentionJob.scheduledDryRun', () => {
  it('makes scheduled runs dry until the operator sets JOB_RETENTION_MODE=erase', () => {
    expect(job('dry_run').scheduledDryRun()).toBe(true);
    expect(job('erase').scheduledDryRun()).toBe(false);
  });
});
