export * from './registry.js';
export * from './metrics.module.js';
export * from './http-metrics.js';
export * from './metrics-token.js';
