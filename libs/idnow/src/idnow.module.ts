import { Global, Module } from '@nestjs/common';
import { IdentificationsModule } from '#kyc/identifications';
import { CallbackIntakeRepository } from './callbacks/callback-intake.repository.js';
import { CallbackMetrics } from './callbacks/callback-metrics.js';
import { CallbackProcessor } from './callbacks/callback-processor.service.js';
import { IdnowCallbackController } from './callbacks/idnow-callback.controller.js';
import { IdnowProviderModule } from './idnow-provider.module.js';

/**
 * IDnow as the identification provider: binds the port globally (so arrows stay
 * idnow -> identifications) and takes IDnow's callbacks.
 */
@Global()
@Module({
  imports: [IdentificationsModule, IdnowProviderModule],
  controllers: [IdnowCallbackController],
  providers: [CallbackIntakeRepository, CallbackProcessor, CallbackMetrics],
  exports: [IdnowProviderModule, CallbackProcessor],
})
export class IdnowModule {}
