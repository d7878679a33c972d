export * from './rules/identification-status.js';
export * from './rules/state-machine.js';
export * from './rules/failure-codes.js';
export * from './rules/failure-guidance.js';
export * from './rules/supported-documents.js';
export * from './rules/documents-with-address.js';
export * from './rules/proof-of-address.js';
export * from './rules/review-case.js';
export * from './identifications.module.js';
export * from './identifications.service.js';
export * from './provider-results.service.js';
export * from './provider/identification-provider.js';
export * from './provider/provider-rate-limited.error.js';
export * from './documents/identification-documents.js';
export * from './dto/identification-response.js';
export type { IdentificationEntity } from './entities/identification.entity.js';
export * from './rules/decision-reasons.js';
export * from './rules/four-eyes.js';
export * from './rules/reidentification-policy.js';
export { ReviewModule } from './review/review.module.js';
export {
  DecisionsService,
  type DecisionInput,
  type DecisionOutcome,
  type Officer,
} from './review/decisions.service.js';
export { ReidentificationService, type ReidentificationOutcome } from './review/reidentification.service.js';
export { ReviewSlaService, REVIEW_SLA_ACTOR } from './review/review-sla.service.js';
export {
  CaseTimeline,
  CaseTimelineModule,
  type CaseTimelineSource,
  type TimelineEntry,
} from './review/case-timeline.js';
export * from './rules/outcome-classes.js';
export * from './expiry/link-expiry.service.js';
export * from './drift/identification-drift.service.js';
export type { Capped, StuckIdentification } from './drift/identification-drift.repository.js';
export * from './polling/missed-results.service.js';
