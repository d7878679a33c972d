import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerAuthModule } from '#kyc/auth';
import { PersonsModule } from '#kyc/persons';
import { CreateIdentificationPipe } from './dto/create-identification.pipe.js';
import { IdentificationEntity } from './entities/identification.entity.js';
import { IdentificationsController } from './identifications.controller.js';
import { IdentificationsRepository } from './identifications.repository.js';
import { IdentificationsService } from './identifications.service.js';
import { ProviderResultsService } from './provider-results.service.js';

/**
 * Identifications and their lifecycle. The provider is a port (IdentificationProvider): a provider lib
 * binds it globally, so arrows stay provider -> identifications -> persons.
 */
@Module({
  imports: [TypeOrmModule.forFeature([IdentificationEntity]), PartnerAuthModule, PersonsModule],
  controllers: [IdentificationsController],
  providers: [
    IdentificationsRepository,
    IdentificationsService,
    ProviderResultsService,
    CreateIdentificationPipe,
  ],
  exports: [IdentificationsService, ProviderResultsService],
})
export class IdentificationsModule {}
