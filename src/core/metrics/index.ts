// gan2d's quality metrics: pure functions of plain data (DESIGN.md, "Definitions the tests and benchmarks use").
export { validatePoints, type Points } from './points.js';
export * from './mixture-metrics.js';
export * from './raster.js';
export * from './cell-masses.js';
export * from './image-target.js';
export * from './jensen-shannon.js';
export * from './image-metrics.js';
export * from './far-oos.js';
export * from './image-floors.js';
export * from './sliced-wasserstein.js';
export * from './precision-recall.js';
