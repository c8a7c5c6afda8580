// The library's public face: the platform-free core.
export * from './core/rng.js';
export * from './core/errors.js';
export * from './core/density/index.js';
export * from './core/metrics/index.js';
export * from './core/model/index.js';
export * from './core/gan/index.js';
export * from './core/render/index.js';
// A namespace: the engine's op names (sum, mean, add...) would clash with the rest.
export * as nn from './core/nn/index.js';
export * as flow from './core/flow/index.js';
