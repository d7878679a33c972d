import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { ReviewModule } from '#kyc/identifications';
import { CustomerController } from './customer.controller.js';
import { CustomerRepository } from './customer.repository.js';
import { CustomerService } from './customer.service.js';

/** The customer view (person 360), the answer helper, notes and unmask. */
@Module({
  imports: [ReviewModule, AuditModule],
  controllers: [CustomerController],
  providers: [CustomerRepository, CustomerService],
})
export class SupportCustomerModule {}
