import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#kyc/common';
import { readJobSettings } from './job-settings.js';
import type { JobDefinition } from './scheduled-job.js';

const defs: JobDefinition[] = [
  { name: 'expire_links', title: 'Expire', description: '', defaultSchedule: '*/5 * * * *', dryRun: false },
  { name: 'retention', title: 'Retention', description: '', defaultSchedule: '30 2 * * *', dryRun: true },
];

describe('readJobSettings', () => {
  it('takes the catalog defaults, enabled', () => {
    const s = readJobSettings(defs, {});
    expect(s.get('expire_links')).toMatchObject({ enabled: true, schedule: { expression: '*/5 * * * *' } });
    expect(s.get('retention')).toMatchObject({ enabled: true, schedule: { expression: '30 2 * * *' } });
  });

  it('reads JOB_<NAME>_SCHEDULE and JOB_<NAME>_ENABLED', () => {
    const s = readJobSettings(defs, {
      JOB_EXPIRE_LINKS_SCHEDULE: '* * * * * *',
      JOB_RETENTION_ENABLED: 'false',
    });
    expect(s.get('expire_links')!.schedule.expression).toBe('* * * * * *');
    expect(s.get('retention')!.enabled).toBe(false);
  });

  it('stops the start naming every bad setting', () => {
    const read = () =>
      readJobSettings(defs, { JOB_EXPIRE_LINKS_SCHEDULE: 'every day', JOB_RETENTION_ENABLED: 'yes' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      /JOB_EXPIRE_LINKS_SCHEDULE must be a cron expression.*JOB_RETENTION_ENABLED must be true or false/,
    );
  });
});
