import { Global, Module } from '@nestjs/common';
import { IdentificationProvider } from '#kyc/identifications';
import { IdnowProvider } from './adapter/idnow-provider.js';

/**
 * IDnow as the identification provider, bound globally to the port, and nothing else: what the worker
 * needs to fetch results and evidence (the api's IdnowModule adds the callback intake on top).
 */
@Global()
@Module({
  providers: [IdnowProvider, { provide: IdentificationProvider, useExisting: IdnowProvider }],
  exports: [IdentificationProvider, IdnowProvider],
})
export class IdnowProviderModule {}
