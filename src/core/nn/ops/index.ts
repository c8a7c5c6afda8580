// The differentiable ops, one import for users of the engine.
export { activation, activationGrad } from './activation.js';
export { dense } from './dense.js';
export { add, addScalar, clampMin, div, exp, log, mul, scale, sqrt, square, sub } from './elementwise.js';
export { matmul } from './matmul.js';
export { broadcastTo, columnSums, mean, reduceTo, rowSums, sum } from './reduce.js';
export { concatColumns, concatRows, sliceColumns, sliceRows } from './shape.js';
