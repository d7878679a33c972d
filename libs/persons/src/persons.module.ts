import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#kyc/audit';
import { PartnerAuthModule } from '#kyc/auth';
import { AdminPersonsController } from './admin/admin-persons.controller.js';
import { AdminPersonsRepository } from './admin/admin-persons.repository.js';
import { CreatePersonPipe, UpdatePersonPipe } from './dto/person-validation.pipes.js';
import { PersonEntity } from './entities/person.entity.js';
import { PersonsController } from './persons.controller.js';
import { PersonsRepository } from './persons.repository.js';
import { PersonsService } from './persons.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PersonEntity]), PartnerAuthModule, AuditModule],
  controllers: [PersonsController, AdminPersonsController],
  providers: [PersonsRepository, PersonsService, CreatePersonPipe, UpdatePersonPipe, AdminPersonsRepository],
  exports: [PersonsService],
})
export class PersonsModule {}
