import type { Me, Permission } from './types';

/**
 * Who may do what in the console, in one place, from Me.permissions: it mirrors docs/ADMIN-API.md and only
 * hides what the server would refuse anyway (the server is authoritative).
 */
const RULES: Record<string, Partial<Record<string, Permission>>> = {
  users: { list: 'users.manage', create: 'users.manage', edit: 'users.manage' },
  'partner-clients': {
    list: 'partners.manage',
    show: 'partners.manage',
    create: 'partners.manage',
    edit: 'partners.manage',
  },
  'audit-events': { list: 'audit.read', show: 'audit.read', export: 'audit.read' },
  persons: { list: 'persons.read', show: 'persons.read' },
  documents: { list: 'documents.read', show: 'documents.read', download: 'documents.download' },
  identifications: { list: 'identifications.read', show: 'identifications.read' },
  'webhook-subscriptions': { list: 'webhooks.read', show: 'webhooks.read' },
  'webhook-deliveries': { list: 'webhooks.read', show: 'webhooks.read', redeliver: 'webhooks.redeliver' },
  'review-cases': {
    list: 'review.read',
    show: 'review.read',
    raw_payload: 'review.read',
    decide: 'review.decide',
    assign: 'review.decide',
    note: 'review.decide',
    reidentify: 'review.decide',
  },
  'review-proposals': { list: 'review.read', confirm: 'review.decide' },
  'aml-follow-ups': { list: 'aml_follow_ups.read' },
  'failure-codes': { list: 'failure_codes.read', show: 'failure_codes.read' },
  analytics: { read: 'analytics.read' },
  'analytics-alerts': {
    list: 'analytics.read',
    show: 'analytics.read',
    acknowledge: 'analytics.acknowledge',
  },
  jobs: { list: 'jobs.read', show: 'jobs.read', run: 'jobs.run' },
  'job-runs': { list: 'jobs.read', show: 'jobs.read' },
  'drift-reports': { list: 'drift_reports.read', show: 'drift_reports.read' },
  // Sandbox mode only: the server also says whether demo data is available here.
  'demo-data': { load: 'demo_data.load' },
  support: {
    list: 'support.search',
    view: 'support.view',
    note: 'support.note',
    resend_link: 'support.resend_link',
    propose_reidentification: 'support.propose_reidentification',
    unmask: 'support.unmask',
    evidence_pack: 'evidence_pack.export',
  },
};

export function canAccess(me: Me | undefined, resource: string, action: string): boolean {
  // Until MFA enrolment is confirmed, the server answers 403 on everything but the session and MFA routes.
  if (!me || me.mfa_enrolment_required) return false;
  const needed = RULES[resource]?.[action];
  return needed !== undefined && me.permissions.includes(needed);
}
