// gan2d's quality metrics: pure functions of plain data (docs/design.md, "Quality metrics and their floors").
export { validatePoints, type Points } from './points.js';
export * from './mixture-metrics.js';
export * from './mode-shape.js';
export * from './raster.js';
export * from './cell-masses.js';
export * from './image-target.js';
export * from './jensen-shannon.js';
export * from './image-metrics.js';
export * from './far-oos.js';
export * from './image-floors.js';
export * from './sliced-wasserstein.js';
export * from './precision-recall.js';
export * from './by-condition.js';
