/** The permission names of docs/ADMIN-API.md; the server's matrix is authoritative. */
export type Permission =
  | 'session.self'
  | 'users.manage'
  | 'partners.manage'
  | 'audit.read'
  | 'persons.read'
  | 'documents.read'
  | 'documents.download'
  | 'identifications.read'
  | 'webhooks.read'
  | 'webhooks.redeliver'
  | 'review.read'
  | 'review.decide'
  | 'failure_codes.read'
  | 'analytics.read'
  | 'analytics.acknowledge'
  | 'demo_data.load'
  | 'support.search'
  | 'support.view'
  | 'support.note'
  | 'support.resend_link'
  | 'support.propose_reidentification'
  | 'support.unmask'
  | 'evidence_pack.export'
  | 'aml_follow_ups.read'
  | 'jobs.read'
  | 'jobs.run'
  | 'drift_reports.read';

export type StaffRole = 'admin' | 'compliance_officer' | 'support_agent';

/** GET /admin/auth/me */
export interface Me {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  permissions: Permission[];
  mfa_enabled: boolean;
  mfa_enrolment_required: boolean;
}

export interface MfaSetup {
  secret: string;
  otpauth_url: string;
  qr_svg: string;
}
