export * from './partner-auth.module.js';
export * from './partner/partner-auth.service.js';
export * from './partner/partner-auth.guard.js';
export { PartnerAuthRepository, type TokenOwner } from './partner/partner-auth.repository.js';
