import { describe, expect, it } from '@jest/globals';
import { retentionDryRun } from './retention.job.js';

describe('retentionDryRun', () => {
  it('makes scheduled runs dry until the operator sets JOB_RETENTION_MODE=erase', () => {
    expect(retentionDryRun({ trigger: 'schedule', dryRun: false }, 'dry_run')).toBe(true);
    expect(retentionDryRun({ trigger: 'schedule', dryRun: false }, 'erase')).toBe(false);
  });

  it('lets an admin run say itself whether it is a dry run', () => {
    expect(retentionDryRun({ trigger: 'manual', dryRun: true }, 'erase')).toBe(true);
    expect(retentionDryRun({ trigger: 'manual', dryRun: false }, 'dry_run')).toBe(false);
  });
});
