/** Choice labels are i18n keys, translated by react-admin's inputs and fields. */
export const ROLE_CHOICES = [
  { id: 'admin', name: 'kyc.roles.admin' },
  { id: 'compliance_officer', name: 'kyc.roles.compliance_officer' },
  { id: 'support_agent', name: 'kyc.roles.support_agent' },
];

export const STATUS_CHOICES = [
  { id: 'active', name: 'resources.users.choices.status.active' },
  { id: 'disabled', name: 'resources.users.choices.status.disabled' },
];
