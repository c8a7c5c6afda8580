// The renderer: draws gan2d's figures on any standard Canvas 2D context.
export * from './bounds.js';
export * from './colors.js';
export * from './context.js';
export * from './ticks.js';
export * from './histogram.js';
export * from './density-image.js';
export * from './pixel-painters.js';
export * from './axes.js';
export * from './frame.js';
export * from './frame-composer.js';
export * from './line-plot.js';
export * from './gif-palette.js';
export * from './palette-indexer.js';
export * from './gif-stream.js';
