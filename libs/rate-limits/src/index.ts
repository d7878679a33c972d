export * from './rate-limits.module.js';
export * from './rate-limiter.service.js';
export { bucketsFor, tokenClientId, type RouteClass } from './route-classes.js';
