import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerAuthModule } from '#kyc/auth';
import { PersonsModule } from '#kyc/persons';
import { AdminIdentificationsController } from './admin/admin-identifications.controller.js';
import { AdminIdentificationsRepository } from './admin/admin-identifications.repository.js';
import { CreateIdentificationPipe } from './dto/create-identification.pipe.js';
import { IdentificationEntity } from './entities/identification.entity.js';
import { IdentificationDriftRepository } from './drift/identification-drift.repository.js';
import { IdentificationDriftService } from './drift/identification-drift.service.js';
import { LinkExpiryService } from './expiry/link-expiry.service.js';
import { IdentificationsController } from './identifications.controller.js';
import { IdentificationsRepository } from './identifications.repository.js';
import { IdentificationsService } from './identifications.service.js';
import { MissedResultsService } from './polling/missed-results.service.js';
import { ProviderResultsService } from './provider-results.service.js';

/**
 * Identifications and their lifecycle. The provider is a port (IdentificationProvider): a provider lib
 * binds it globally, so arrows stay provider -> identifications -> persons.
 */
@Module({
  imports: [TypeOrmModule.forFeature([IdentificationEntity]), PartnerAuthModule, PersonsModule],
  controllers: [IdentificationsController, AdminIdentificationsController],
  providers: [
    IdentificationsRepository,
    IdentificationsService,
    ProviderResultsService,
    CreateIdentificationPipe,
    AdminIdentificationsRepository,
    LinkExpiryService,
    IdentificationDriftRepository,
    IdentificationDriftService,
    MissedResultsService,
  ],
  exports: [
    IdentificationsService,
    ProviderResultsService,
    IdentificationsRepository,
    LinkExpiryService,
    IdentificationDriftService,
    MissedResultsService,
  ],
})
export class IdentificationsModule {}
