import { Module } from '@nestjs/common';
import { PartnerAuthModule } from '#kyc/auth';
import { Env } from '#kyc/common';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker.js';
import { SecretBox } from './secrets/secret-box.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';
import { WebhooksService } from './subscriptions/webhooks.service.js';
import { WebhooksController } from './webhooks.controller.js';

/** Outbound webhooks: the partner subscription API and the delivery relay. */
@Module({
  imports: [PartnerAuthModule],
  controllers: [WebhooksController],
  providers: [
    SubscriptionsRepository,
    DeliveriesRepository,
    WebhooksService,
    WebhookDeliveryWorker,
    { provide: SecretBox, inject: [Env], useFactory: (env: Env) => new SecretBox(env.WEBHOOK_SECRET_KEY!) },
  ],
  exports: [WebhooksService, WebhookDeliveryWorker],
})
export class WebhooksModule {}
