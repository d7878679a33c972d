import type { JobDefinition } from '#kyc/jobs';

/**
 * Every scheduled reconciliation job, in one place: what it does, its default schedule (cron, UTC;
 * `JOB_<NAME>_SCHEDULE` overrides it, `JOB_<NAME>_ENABLED=false` switches it off) and whether it has a
 * dry run. docs/JOBS.md explains each.
 */
export const JOB_CATALOG = {
  expire_links: {
    name: 'expire_links',
    title: 'Expire links',
    description:
      'Identifications whose url is older than 14 days (seed) become expired: status event, audit event and IDENTIFICATION webhook each.',
    defaultSchedule: '*/5 * * * *',
    dryRun: false,
  },
  missed_results: {
    name: 'missed_results',
    title: 'Missed provider results',
    description:
      'Identifications pending (or under the provider’s review) for over 30 minutes are polled at the provider and its result applied as a callback would (source poll); stops on 429 and backs off.',
    defaultSchedule: '*/5 * * * *',
    dryRun: false,
  },
  review_sla: {
    name: 'review_sla',
    title: 'Review SLA',
    description:
      'Open review cases past their 24-hour SLA are escalated once: marked, counted on the dashboard, listed for the officers’ lead; an audit event each.',
    defaultSchedule: '*/5 * * * *',
    dryRun: false,
  },
  aml_follow_up: {
    name: 'aml_follow_up',
    title: 'AML follow-up',
    description:
      'Persons whose AML follow-up date is past or within AML_FOLLOW_UP_WINDOW_DAYS (30) are listed for compliance; a new date outside the window resolves them. Audited.',
    defaultSchedule: '15 * * * *',
    dryRun: false,
  },
  drift_report: {
    name: 'drift_report',
    title: 'Drift report',
    description:
      'Reports (never repairs) open identifications the provider sees otherwise, stuck rows, webhook outbox rows older than an hour and analytics rollup keys that differ from the raw events; stored as a drift report.',
    defaultSchedule: '0 3 * * *',
    dryRun: false,
  },
  retention: {
    name: 'retention',
    title: 'Retention',
    description:
      'Erases persons whose GwG keep period ended (5 years after the end of the calendar year the relationship ended): personal data anonymised, documents and files deleted, one audit event each; legal holds skipped. Scheduled runs are dry runs until JOB_RETENTION_MODE=erase.',
    defaultSchedule: '30 2 * * *',
    dryRun: true,
  },
  idempotency_purge: {
    name: 'idempotency_purge',
    title: 'Idempotency purge',
    description:
      'Deletes the partner API’s Idempotency-Key records (and their stored replies) older than IDEMPOTENCY_TTL_HOURS (24), in batches of 1,000.',
    defaultSchedule: '20 * * * *',
    dryRun: false,
  },
} as const satisfies Record<string, JobDefinition>;
