export const STATUS_CHOICES = [
  { id: 'active', name: 'resources.partner-clients.choices.status.active' },
  { id: 'disabled', name: 'resources.partner-clients.choices.status.disabled' },
];
