/** The console's roles (one per user). */
export const STAFF_ROLES = ['admin', 'compliance_officer', 'support_agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const ALL: readonly StaffRole[] = STAFF_ROLES;

/**
 * The permission matrix, role × action, in one place. Every admin route names one action; a route
 * without one, or a role not listed, is denied (the guard), and the route-table test checks each cell.
 */
export const PERMISSIONS = {
  /** Who am I, log out: any signed-in staff member. */
  'session.self': ALL,
  /** Console users and roles: create, change role, disable, reset password or MFA. */
  'users.manage': ['admin'],
  /** Partner API clients: create (secret shown once), rotate, disable. */
  'partners.manage': ['admin'],
  /** The audit trail and its CSV export. */
  'audit.read': ['admin', 'compliance_officer'],
  /** Persons: full data for officers and admins (each view audited), masked for support agents. */
  'persons.read': ALL,
  /** Identifications and their review flags (ids and statuses; fraud codes and failed reasons hidden from support). */
  'identifications.read': ALL,
  /** The review queue, case pages (full personal data, audited), proposals and raw provider results. */
  'review.read': ['compliance_officer'],
  /** Claim, assign, note, decide (four eyes where the rules say), confirm or decline, re-identify. */
  'review.decide': ['compliance_officer'],
  /** Document metadata (type, name, size, source) of every person and identification; each record view audited. */
  'documents.read': ALL,
  /** Document files (ID images, reports): compliance work only; each download audited with its reason. */
  'documents.download': ['compliance_officer'],
  /** Subscriptions, deliveries and attempts of every partner (no personal data beyond ids). */
  'webhooks.read': ['admin', 'compliance_officer'],
  /** Send a delivery again under its original webhook id. */
  'webhooks.redeliver': ['admin'],
  /** The failure-code catalog with retry advice and what to tell the customer (no personal data). */
  'failure_codes.read': ALL,
  /** Failure analytics (aggregate counts, no personal data) and the anomaly alerts. */
  'analytics.read': ['admin', 'compliance_officer'],
  /** Acknowledge an anomaly alert (audited, with a note). */
  'analytics.acknowledge': ['admin', 'compliance_officer'],
  /** The per-customer evidence pack (zip of records, documents, audit events, SHA-256 manifest); audited with a reason. */
  'evidence_pack.export': ['compliance_officer'],
  /** Sandbox only: load demo customers and identifications, and follow the load's progress. */
  'demo_data.load': ['admin'],
  /** Support desk: the customer view (personal data masked for everyone) and the ready-to-send answer. */
  'support.view': ['admin', 'compliance_officer', 'support_agent'],
  /** Support desk: add an internal note on a customer (append-only). */
  'support.note': ['admin', 'compliance_officer', 'support_agent'],
  /** Support desk: send the partner the identification webhook again while its link is valid. */
  'support.resend_link': ['compliance_officer', 'support_agent'],
  /** Support desk: propose a re-identification; an officer confirms it in the review queue. */
  'support.propose_reidentification': ['support_agent'],
  /** Support desk: see a customer's full personal data, with a reason (audited). */
  'support.unmask': ['compliance_officer'],
  /** Support desk: the one search box (ids, reference, email, phone, fuzzy name); masked results, audited by kind. */
  'support.search': ['admin', 'compliance_officer', 'support_agent'],
  /** Retention decisions on a person: end of the business relationship, legal hold set and lifted (audited). */
  'persons.retention': ['compliance_officer'],
  /** Scheduled jobs: schedules, runs with counts and durations, drift reports and compliance lists. */
  'jobs.read': ['admin'],
  /** Run a scheduled job now (audited), or a dry run of the retention job. */
  'jobs.run': ['admin'],
  /** The nightly drift reports (ids and counts only): admins, and compliance officers who own the follow-up. */
  'drift_reports.read': ['admin', 'compliance_officer'],
  /** The AML follow-up list (persons due for a new AML confirmation, with names; each page audited). */
  'aml_follow_ups.read': ['compliance_officer'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
