export * from './audit.module.js';
export * from './audit.service.js';
export { type AuditRecord, type ChainVerdict, GENESIS_HASH } from './audit-chain.js';
