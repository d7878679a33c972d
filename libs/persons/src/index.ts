export * from './persons.module.js';
export * from './persons.service.js';
export * from './dto/person-response.js';
export { PersonResponseBody } from './dto/person-response.schema.js';
export * from './rules/person-enums.js';
export * from './rules/person-rules.js';
export * from './verified-data.js';
export { PersonEntity } from './entities/person.entity.js';
export { maskPerson, lastDigits, birthYearOnly } from './admin/person-masking.js';
export { StaffPersonResponseBody } from './admin/admin-person-response.schema.js';
export { AmlFollowUpService, AML_FOLLOW_UP_ACTOR } from './aml/aml-follow-up.service.js';
export { PersonRetentionModule } from './retention/person-retention.module.js';
export {
  RetentionErasureService,
  type ErasedPerson,
  type RetentionBatch,
} from './retention/retention-erasure.service.js';
export type { DueQuery } from './retention/retention.repository.js';
export * from './retention/retention-rules.js';
