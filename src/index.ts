// The library's public face: the platform-free core.
export * from './core/rng.js';
export * from './core/errors.js';
export * from './core/density/index.js';
export * from './core/metrics/index.js';
