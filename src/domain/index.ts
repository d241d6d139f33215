export * from './structure.js';
export * from './errors.js';
export * from './search.js';
export * from './document.js';
