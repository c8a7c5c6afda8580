/**
 * What the view asks of the networks between training steps: G on a fixed noise sample
 * (so points move smoothly), D over a grid of the plane (its surface), the gradient of D
 * at generated points (where G is pushed), and G over a grid in z space (its manifold).
 * Each borrows scratch memory from the engine's arena and returns it.
 */
import type { Box } from '../core/density/placement.js';
import type { Engine } from '../core/nn/engine.js';
import type { Mlp } from '../core/nn/mlp.js';
import { grad } from '../core/nn/autograd.js';
import { concatColumns } from '../core/nn/ops/shape.js';
import { noGrad, Var } from '../core/nn/tape.js';

export interface ProbeNetworks {
  engine: Engine;
  generator: Mlp;
  discriminator: Mlp;
  zDim: number;
  conditionCount: number;
  /** The run's --pack: D reads this many points per row (PacGAN). */
  pack: number;
}

function withScratch<T>(engine: Engine, fn: () => T): T {
  const mark = engine.arena.mark();
  try {
    return fn();
  } finally {
    engine.arena.release(mark);
  }
}

/** G applied to a ready input matrix (rows × (zDim + conditionCount)): points as interleaved x, y. */
export function generateFrom(net: ProbeNetworks, input: Float32Array): Float32Array {
  const width = net.zDim + net.conditionCount;
  const rows = input.length / width;
  return withScratch(net.engine, () => noGrad(() => {
    const points = net.generator.forward(Var.from(net.engine, rows, width, input));
    return points.value.data.slice(0, 2 * rows);
  }));
}

/**
 * D's input: the points, then each row's one-hot condition (conditional runs). A packed D
 * (--pack k, never conditional) is shown at k copies of each point: its verdict on a pack
 * that sits all at x, so the surface and the arrows keep one value per point.
 */
function discriminatorInput(net: ProbeNetworks, points: Var, conditions: Uint8Array | null, condition: number): Var {
  if (net.pack > 1) return concatColumns(new Array<Var>(net.pack).fill(points));
  if (net.conditionCount === 0) return points;
  const rows = points.rows;
  const oneHot = new Float32Array(rows * net.conditionCount);
  for (let row = 0; row < rows; row++) oneHot[row * net.conditionCount + (conditions ? conditions[row] : condition)] = 1;
  return concatColumns([points, Var.from(net.engine, rows, net.conditionCount, oneHot)]);
}

/** The cell centres of a size × size grid over `box`, row 0 at the top, as interleaved x, y. */
export function gridPoints(box: Box, size: number): Float32Array {
  const points = new Float32Array(2 * size * size);
  for (let row = 0; row < size; row++) {
    const y = box.yMax - ((row + 0.5) / size) * (box.yMax - box.yMin);
    for (let col = 0; col < size; col++) {
      const i = 2 * (row * size + col);
      points[i] = box.xMin + ((col + 0.5) / size) * (box.xMax - box.xMin);
      points[i + 1] = y;
    }
  }
  return points;
}

/** D's raw output (a logit or a critic value) at each cell of a size² grid over `box`, for one condition. */
export function discriminatorSurface(net: ProbeNetworks, box: Box, size: number, condition: number): Float32Array {
  const points = gridPoints(box, size);
  return withScratch(net.engine, () => noGrad(() => {
    const input = discriminatorInput(net, Var.from(net.engine, size * size, 2, points), null, condition);
    return net.discriminator.forward(input).value.data.slice(0, size * size);
  }));
}

/** D's raw output at each point (interleaved), each with its own condition (all 0 when `conditions` is null). */
export function discriminatorAt(net: ProbeNetworks, points: Float32Array, conditions: Uint8Array | null): Float32Array {
  const rows = points.length / 2;
  return withScratch(net.engine, () => noGrad(() => {
    const input = discriminatorInput(net, Var.from(net.engine, rows, 2, points), conditions, 0);
    return net.discriminator.forward(input).value.data.slice(0, rows);
  }));
}

/** ∇ₓ D(x) at each point (interleaved), each with its own condition. */
export function discriminatorGradients(net: ProbeNetworks, points: Float32Array, conditions: Uint8Array | null): Float32Array {
  const rows = points.length / 2;
  return withScratch(net.engine, () => {
    const x = Var.from(net.engine, rows, 2, points, true);
    const output = net.discriminator.forward(discriminatorInput(net, x, conditions, 0));
    // Rows are independent, so the gradient of the sum is each row's own gradient.
    const [gradient] = grad([output], [x]);
    return gradient.value.data.slice(0, 2 * rows);
  });
}

/**
 * G over a rows × columns grid in z space: the first two z coordinates span ±2 (two standard
 * deviations of the prior), any others are 0; one condition's one-hot for a conditional run.
 */
export function manifoldInput(zDim: number, conditionCount: number, condition: number, size: number): Float32Array {
  const width = zDim + conditionCount;
  const input = new Float32Array(size * size * width);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const row = r * size + c;
      input[row * width] = -2 + (4 * c) / (size - 1);
      if (zDim > 1) input[row * width + 1] = 2 - (4 * r) / (size - 1);
      if (conditionCount > 0) input[row * width + zDim + condition] = 1;
    }
  }
  return input;
}
