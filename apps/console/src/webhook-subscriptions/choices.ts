export const EVENT_TYPE_CHOICES = [
  { id: 'IDENTIFICATION', name: 'IDENTIFICATION' },
  { id: 'PERSON_CHANGED', name: 'PERSON_CHANGED' },
];

export const STATE_CHOICES = [
  { id: 'active', name: 'resources.webhook-subscriptions.choices.state.active' },
  { id: 'canceled', name: 'resources.webhook-subscriptions.choices.state.canceled' },
  { id: 'deleted', name: 'resources.webhook-subscriptions.choices.state.deleted' },
];
