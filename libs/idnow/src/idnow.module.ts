import { Global, Module } from '@nestjs/common';
import { IdentificationProvider, IdentificationsModule } from '#kyc/identifications';
import { IdnowProvider } from './adapter/idnow-provider.js';
import { CallbackIntakeRepository } from './callbacks/callback-intake.repository.js';
import { CallbackProcessor } from './callbacks/callback-processor.service.js';
import { IdnowCallbackController } from './callbacks/idnow-callback.controller.js';

/**
 * IDnow as the identification provider: binds the port globally (so arrows stay
 * idnow -> identifications) and takes IDnow's callbacks.
 */
@Global()
@Module({
  imports: [IdentificationsModule],
  controllers: [IdnowCallbackController],
  providers: [
    IdnowProvider,
    { provide: IdentificationProvider, useExisting: IdnowProvider },
    CallbackIntakeRepository,
    CallbackProcessor,
  ],
  exports: [IdentificationProvider, IdnowProvider, CallbackProcessor],
})
export class IdnowModule {}
