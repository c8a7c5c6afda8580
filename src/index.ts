// The library's public face: the platform-free core.
export * from './core/rng.js';
export * from './core/errors.js';
