export * from './test-database.js';
export * from './http.js';
export * from './factories.js';
