import { ConfigError } from '#kyc/common';
import type { JobDefinition } from './scheduled-job.js';
import { cronProblem, Schedule } from './slots.js';

/** A job's settings: its schedule and whether it runs on it. */
export interface JobSetting {
  schedule: Schedule;
  enabled: boolean;
}

/** `expire_links` → `JOB_EXPIRE_LINKS`. */
export const settingPrefix = (name: string) => `JOB_${name.toUpperCase()}`;

/**
 * Each job's `JOB_<NAME>_SCHEDULE` (cron, UTC; default in the catalog) and `JOB_<NAME>_ENABLED`
 * (`true`/`false`, default true), read from the environment; a bad value stops the start with its name.
 */
export function readJobSettings(
  definitions: readonly JobDefinition[],
  source: Record<string, string | undefined>,
): Map<string, JobSetting> {
  const problems: string[] = [];
  const out = new Map<string, JobSetting>();
  for (const d of definitions) {
    const prefix = settingPrefix(d.name);
    const expression = source[`${prefix}_SCHEDULE`]?.trim() || d.defaultSchedule;
    const problem = cronProblem(expression);
    if (problem) problems.push(`${prefix}_SCHEDULE must be a cron expression (${problem})`);
    const enabled = source[`${prefix}_ENABLED`]?.trim() ?? 'true';
    if (enabled !== 'true' && enabled !== 'false') problems.push(`${prefix}_ENABLED must be true or false`);
    if (!problem) out.set(d.name, { schedule: new Schedule(expression), enabled: enabled !== 'false' });
  }
  if (problems.length) throw new ConfigError(`Invalid setting: ${problems.join('; ')}`);
  return out;
}
