import { Module } from '@nestjs/common';
import { AuditModule } from '#kyc/audit';
import { PartnerAuthModule } from '#kyc/auth';
import { IdentificationsModule, ReviewModule } from '#kyc/identifications';
import { IdnowSandboxModule } from '#kyc/idnow';
import { PersonsModule } from '#kyc/persons';
import { StaffModule } from '#kyc/staff';
import { DemoDataController } from './demo-data.controller.js';
import { DemoDataRepository } from './demo-data.repository.js';
import { DemoDataService } from './demo-data.service.js';
import { DemoProvider } from './demo-provider.js';
import { DemoReview } from './demo-review.js';
import { DemoSeeder } from './demo-seeder.js';
import { DemoSetup } from './demo-setup.js';

/**
 * Demo data (sandbox mode only, like the IDnow sandbox it plays): the seeder behind
 * `npm run seed:demo` and the console's "load demo data" (/admin/demo-data).
 */
@Module({
  imports: [
    AuditModule,
    PartnerAuthModule,
    StaffModule,
    PersonsModule,
    IdentificationsModule,
    ReviewModule,
    IdnowSandboxModule,
  ],
  controllers: [DemoDataController],
  providers: [DemoSetup, DemoProvider, DemoReview, DemoSeeder, DemoDataRepository, DemoDataService],
  exports: [DemoSeeder, DemoDataService],
})
export class DemoDataModule {}
