import { Module } from '@nestjs/common';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker.js';
import { secretBoxProvider } from './secrets/secret-box.provider.js';

/**
 * The delivery relay on its own: the worker app imports it, and so does the api when it runs the jobs
 * itself (RUN_JOBS_IN_API, the default outside production).
 */
@Module({
  providers: [DeliveriesRepository, WebhookDeliveryWorker, secretBoxProvider],
  exports: [WebhookDeliveryWorker],
})
export class WebhookRelayModule {}
