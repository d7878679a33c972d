export * from './database.module.js';
export * from './data-source.js';
export * from './connect.js';
export * from './embedded-engine.js';
export * from './naming-strategy.js';
export * from './outbox/domain-events.js';
export * from './list-clauses.js';
export * from './grants.js';
