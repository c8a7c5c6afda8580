/**
 * G's input and D's condition columns: z from standard normals, followed by the
 * condition's one-hot vector in a conditional run. Rows come condition by condition
 * (see condition-split.ts); a plain GAN has one "condition" and no one-hot columns.
 * Also generation of any number of points, in chunks of bounded memory.
 */
import type { Engine } from '../nn/engine.js';
import type { Mlp } from '../nn/mlp.js';
import { noGrad, Var } from '../nn/tape.js';
import type { Rng } from '../rng.js';
import { fillNormals } from './noise.js';

/** Writes z and the one-hot columns into out, a (Σ rows) × (zDim + conditionCount) row-major matrix. */
export function fillGeneratorInput(
  out: Float32Array, zDim: number, conditionCount: number, rowsPerCondition: readonly number[], rng: Rng,
): void {
  const rows = rowsPerCondition.reduce((a, b) => a + b, 0);
  if (conditionCount === 0) {
    fillNormals(rng, out, 0, rows * zDim);
    return;
  }
  // Draw all of z at once (the same draws, in the same order, as a plain run's), then lay it
  // out beside the one-hot columns, element by element (rows are a few floats wide).
  const z = zBuffer(rows * zDim);
  fillNormals(rng, z, 0, rows * zDim);
  const width = zDim + conditionCount;
  out.fill(0, 0, rows * width);
  let row = 0, from = 0;
  for (let condition = 0; condition < rowsPerCondition.length; condition++) {
    for (let i = rowsPerCondition[condition]; i > 0; i--, row++) {
      const to = row * width;
      for (let c = 0; c < zDim; c++) out[to + c] = z[from++];
      out[to + zDim + condition] = 1;
    }
  }
}

/** A reused buffer for z before it is laid out (training asks for the same size each step). */
let zScratch = new Float32Array(0);
function zBuffer(size: number): Float32Array {
  if (zScratch.length < size) zScratch = new Float32Array(size);
  return zScratch;
}

/** The one-hot rows × conditionCount matrix of rows given condition by condition. */
export function fillOneHot(out: Float32Array, conditionCount: number, rowsPerCondition: readonly number[]): void {
  const rows = rowsPerCondition.reduce((a, b) => a + b, 0);
  out.fill(0, 0, rows * conditionCount);
  let row = 0;
  rowsPerCondition.forEach((count, condition) => {
    for (let i = 0; i < count; i++, row++) out[row * conditionCount + condition] = 1;
  });
}

/**
 * A network on input rows that come condition by condition: forward(x) for a plain run, else
 * forwardConditioned with the one-hot made only if a recorded gradient needs it. For networks
 * whose condition batch is fixed by the caller (the flow's velocity, D when sampling or refit).
 */
export function forwardByCondition(engine: Engine, network: Mlp, input: Var, conditionCount: number, rowsPerCondition: readonly number[]): Var {
  if (conditionCount === 0) return network.forward(input);
  const rows = rowsPerCondition.reduce((a, b) => a + b, 0);
  const oneHot = (): Var => {
    const matrix = Var.scratch(engine, rows, conditionCount);
    fillOneHot(matrix.value.data, conditionCount, rowsPerCondition);
    return matrix;
  };
  return network.forwardConditioned(input, oneHot, rowsPerCondition);
}

/** Rows per chunk when generating many points: bounds the engine memory a call takes. */
const CHUNK_ROWS = 8192;

/**
 * G's points for `rowsPerCondition[c]` rows of each condition c (or one count for a plain
 * GAN), as interleaved (x, y) in a new array. The engine's scratch memory is returned
 * afterwards, so this can run between training steps.
 */
export function generatePoints(
  engine: Engine, generator: Mlp, zDim: number, conditionCount: number, rowsPerCondition: readonly number[], rng: Rng,
): Float32Array {
  const total = rowsPerCondition.reduce((a, b) => a + b, 0);
  const out = new Float32Array(2 * total);
  const width = zDim + conditionCount;
  let written = 0;
  noGrad(() => {
    rowsPerCondition.forEach((count, condition) => {
      for (let done = 0; done < count; done += CHUNK_ROWS) {
        const rows = Math.min(CHUNK_ROWS, count - done);
        const mark = engine.arena.mark();
        try {
          const input = Var.scratch(engine, rows, width);
          const chunk = conditionCount === 0 ? [rows] : rowsPerCondition.map((_, c) => (c === condition ? rows : 0));
          fillGeneratorInput(input.value.data, zDim, conditionCount, chunk, rng);
          const points = generator.forward(input);
          out.set(points.value.data.subarray(0, 2 * rows), 2 * written);
          written += rows;
        } finally {
          engine.arena.release(mark);
        }
      }
    });
  });
  return out;
}
