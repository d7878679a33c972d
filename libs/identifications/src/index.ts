export * from './rules/identification-status.js';
export * from './rules/state-machine.js';
export * from './rules/failure-codes.js';
export * from './rules/supported-documents.js';
export * from './rules/documents-with-address.js';
export * from './rules/proof-of-address.js';
