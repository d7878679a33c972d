export * from './test-database.js';
export * from './http.js';
export * from './factories.js';
export * from './fake-idnow.js';
export * from './fake-clock.js';
export * from './staff-factory.js';
export * from './totp.js';
