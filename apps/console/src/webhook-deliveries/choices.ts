export const DELIVERY_STATUS_CHOICES = ['pending', 'delivered', 'failed', 'rejected', 'canceled'].map(
  (id) => ({
    id,
    name: `resources.webhook-deliveries.choices.status.${id}`,
  }),
);
