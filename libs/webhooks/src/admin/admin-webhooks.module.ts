import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { AdminWebhooksController } from './admin-webhooks.controller.js';
import { AdminWebhooksRepository } from './admin-webhooks.repository.js';
import { AdminWebhooksService } from './admin-webhooks.service.js';
import { DeliveryTimelineSource } from './delivery-timeline.source.js';

/** Staff's view of webhook subscriptions and deliveries of every partner, with redelivery. */
@Module({
  imports: [AuditModule],
  controllers: [AdminWebhooksController],
  providers: [AdminWebhooksRepository, AdminWebhooksService, DeliveryTimelineSource],
})
export class AdminWebhooksModule {}
