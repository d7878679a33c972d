export * from './support.module.js';
