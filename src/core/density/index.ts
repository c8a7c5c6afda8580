// The density module: grids, exact samplers, built-in distributions, targets.
export * from './alias-table.js';
export * from './builtins.js';
export * from './drawing.js';
export * from './drawn-density-codec.js';
export * from './gaussian-mixture.js';
export * from './grid.js';
export * from './grid-sampler.js';
export * from './luminance.js';
export * from './pictures.js';
export * from './placement.js';
export * from './target.js';
