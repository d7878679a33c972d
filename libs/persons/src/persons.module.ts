import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerAuthModule } from '#kyc/auth';
import { CreatePersonPipe, UpdatePersonPipe } from './dto/person-validation.pipes.js';
import { PersonEntity } from './entities/person.entity.js';
import { PersonsController } from './persons.controller.js';
import { PersonsRepository } from './persons.repository.js';
import { PersonsService } from './persons.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PersonEntity]), PartnerAuthModule],
  controllers: [PersonsController],
  providers: [PersonsRepository, PersonsService, CreatePersonPipe, UpdatePersonPipe],
  exports: [PersonsService],
})
export class PersonsModule {}
