export * from './errors/idnow-errors.js';
export * from './client/idnow-client.js';
export * from './client/idnow-start-data.js';
export { parseIdnowErrors, parseRetryAfter } from './client/idnow-response.js';
export * from './results/idnow-fields.js';
export * from './results/idnow-result.js';
export * from './results/map-result.js';
export * from './results/to-person-fields.js';
