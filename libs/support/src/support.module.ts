import { Module } from '@nestjs/common';
import { SupportActionsModule } from './actions/support-actions.module.js';
import { SupportCustomerModule } from './customer/customer.module.js';
import { EvidencePackModule } from './evidence-pack/evidence-pack.module.js';
import { SupportSearchModule } from './search/support-search.module.js';

/**
 * The support desk: find a customer in seconds, see what happened in the customer's terms, answer
 * safely, take the few actions support may take; and the per-customer evidence pack for compliance.
 * Each part is its own module, imported here.
 */
@Module({
  imports: [EvidencePackModule, SupportSearchModule, SupportCustomerModule, SupportActionsModule],
})
export class SupportModule {}
