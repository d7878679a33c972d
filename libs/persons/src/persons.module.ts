import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#kyc/audit';
import { PartnerAuthModule } from '#kyc/auth';
import { AdminPersonsController } from './admin/admin-persons.controller.js';
import { AdminPersonsRepository } from './admin/admin-persons.repository.js';
import { AmlFollowUpService } from './aml/aml-follow-up.service.js';
import { AmlFollowUpsController } from './aml/aml-follow-ups.controller.js';
import { AmlFollowUpsRepository } from './aml/aml-follow-ups.repository.js';
import { CreatePersonPipe, UpdatePersonPipe } from './dto/person-validation.pipes.js';
import { PersonEntity } from './entities/person.entity.js';
import { PersonsController } from './persons.controller.js';
import { PersonsRepository } from './persons.repository.js';
import { PersonsService } from './persons.service.js';
import { PersonRetentionController } from './retention/person-retention.controller.js';
import { PersonRetentionModule } from './retention/person-retention.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([PersonEntity]), PartnerAuthModule, AuditModule, PersonRetentionModule],
  controllers: [PersonsController, AdminPersonsController, AmlFollowUpsController, PersonRetentionController],
  providers: [
    PersonsRepository,
    PersonsService,
    CreatePersonPipe,
    UpdatePersonPipe,
    AdminPersonsRepository,
    AmlFollowUpsRepository,
    AmlFollowUpService,
  ],
  exports: [PersonsService, AmlFollowUpService],
})
export class PersonsModule {}
