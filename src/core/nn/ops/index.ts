// The differentiable ops, one import for users of the engine.
export { activation, activationGrad } from './activation.js';
export { broadcastTo, reduceTo } from './broadcast.js';
export { dense } from './dense.js';
export { add, addScalar, clampMin, div, exp, log, mul, scale, sqrt, square, sub } from './elementwise.js';
export { matmul } from './matmul.js';
export { spectralNormalise } from './spectral-norm.js';
export { columnSums, mean, rowSums, sum } from './reduce.js';
export { concatColumns, concatRows, reshape, sliceColumns, sliceRows } from './shape.js';
