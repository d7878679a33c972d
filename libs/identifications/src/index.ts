export * from './rules/identification-status.js';
