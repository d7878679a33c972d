export * from './failure-analytics.module.js';
