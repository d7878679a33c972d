import { Module } from '@nestjs/common';
import { PartnerAuthModule } from '#kyc/auth';
import { secretBoxProvider } from './secrets/secret-box.provider.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';
import { WebhooksService } from './subscriptions/webhooks.service.js';
import { WebhooksController } from './webhooks.controller.js';

/** The partner's webhook subscription API. Delivery is the relay's job (WebhookRelayModule). */
@Module({
  imports: [PartnerAuthModule],
  controllers: [WebhooksController],
  providers: [SubscriptionsRepository, WebhooksService, secretBoxProvider],
  exports: [WebhooksService],
})
export class WebhooksModule {}
