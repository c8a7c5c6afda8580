import { activationCode, defaultAlpha, type ActivationName } from '../activations.js';
import { ActivationCode } from '../kernels.js';
import { record, Var } from '../tape.js';
import { activationGrad } from './activation.js';
import { matmul } from './matmul.js';
import { columnSums } from './reduce.js';
import { concatColumns, sliceColumns } from './shape.js';

/**
 * dense([x | one-hot], W, b) for rows that come condition by condition (`rowsPerCondition[c]`
 * rows of condition c, in order) without the one-hot columns as a matrix: x is batch×k, W is
 * (k + conditions)×out. The one-hot part of x·W is condition c's row of W added to its rows (a
 * gemm of each block with a column of ones); of dW, the column sums of each block of dz
 * (which add row by row onto the old value, as a gemm does); x's gradient is the first k
 * columns of dz·Wᵀ alone (Kernels.gemmFirstColumns). So every element is summed in the order,
 * from the value, of the full gemm on [x | one-hot] (whose other terms are exact zeros): the
 * same bits, for a fraction of the work.
 * `oneHot` is that matrix, batch × conditions, or a function that makes it (called at most
 * once, and only when W's gradient has to be a recorded op: createGraph).
 */
export function denseConditioned(
  x: Var, oneHot: Var | (() => Var), rowsPerCondition: readonly number[], weight: Var, bias: Var | null,
  activation: ActivationName = 'identity', alpha = defaultAlpha(activation),
): Var {
  const batch = x.rows, k = x.cols, conditions = rowsPerCondition.length, fanIn = k + conditions, fanOut = weight.cols;
  if (weight.rows !== fanIn) throw new RangeError(`denseConditioned: input has ${k} + ${conditions} columns, weight is ${weight.rows}×${fanOut}`);
  const oneHotMatrix = (): Var => {
    const m = typeof oneHot === 'function' ? oneHot() : oneHot;
    if (m.rows !== batch || m.cols !== conditions) throw new RangeError(`denseConditioned: one-hot is ${m.rows}×${m.cols}, expected ${batch}×${conditions}`);
    return m;
  };
  if (typeof oneHot !== 'function') oneHotMatrix();
  if (rowsPerCondition.reduce((a, b) => a + b, 0) !== batch) throw new RangeError(`denseConditioned: rows per condition do not add up to ${batch}`);
  if (bias !== null && (bias.rows !== 1 || bias.cols !== fanOut)) {
    throw new RangeError(`denseConditioned: bias is ${bias.rows}×${bias.cols}, expected 1×${fanOut}`);
  }
  const code = activationCode(activation);
  const { engine } = x;
  const { kernels } = engine;
  const most = Math.max(...rowsPerCondition);
  const w = weight.value.data;
  const value = engine.arena.scratch(batch, fanOut);
  const out = value.data;
  // Each condition's block in one pass: [x | 1]·[W's first k rows; W's row k + c], i.e.
  // ((0 + x₀w₀) + x₁w₁ …) + w_c, the full gemm's sum without its zero terms.
  const xs = x.value.data;
  const a = engine.arena.scratch(most, k + 1).data;
  const b = engine.arena.scratch(k + 1, fanOut).data;
  b.set(w.subarray(0, k * fanOut));
  for (let c = 0, row = 0; c < conditions; row += rowsPerCondition[c], c++) {
    const rows = rowsPerCondition[c];
    if (rows === 0) continue;
    withOnes(xs, row, rows, k, a);
    b.set(w.subarray((k + c) * fanOut, (k + c + 1) * fanOut), k * fanOut);
    kernels.gemm(false, false, rows, fanOut, k + 1, a.subarray(0, rows * (k + 1)), b, out.subarray(row * fanOut, (row + rows) * fanOut), false);
  }
  kernels.biasActivation(out, bias === null ? null : bias.value.data, batch, fanOut, code, alpha, out);

  return record(engine, value, [x, weight, bias], (g, ctx) => {
    const dz = code === ActivationCode.identity ? g : activationGrad(g, ctx.output, code, alpha);
    if (ctx.needs(0)) {
      if (ctx.createGraph) {
        ctx.emit(0, sliceColumns(matmul(dz, weight, false, true), 0, k));
      } else {
        // x's columns of dz·Wᵀ alone, in the bits of the whole product (no gradient for the one-hot).
        const dx = Var.scratch(engine, batch, k);
        kernels.gemmFirstColumns(batch, fanIn, fanOut, k, dz.value.data, w, dx.value.data);
        ctx.emit(0, dx);
      }
    }
    if (ctx.needs(1)) {
      const into = ctx.accumulator(1);
      if (into === null) {
        ctx.emit(1, matmul(concatColumns([x, oneHotMatrix()]), dz, true, false));
      } else {
        const grad = into.data, d = dz.value.data;
        kernels.gemm(true, false, k, fanOut, batch, x.value.data, d, grad.subarray(0, k * fanOut), true);
        for (let c = 0, row = 0; c < conditions; row += rowsPerCondition[c], c++) {
          const rows = rowsPerCondition[c];
          if (rows === 0) continue;
          kernels.columnSums(d.subarray(row * fanOut, (row + rows) * fanOut), rows, fanOut, grad.subarray((k + c) * fanOut, (k + c + 1) * fanOut), true);
        }
      }
    }
    if (ctx.needs(2)) {
      const into = ctx.accumulator(2);
      if (into === null) ctx.emit(2, columnSums(dz));
      else kernels.columnSums(dz.value.data, batch, fanOut, into.data, true);
    }
  });
}

/**
 * a = [x | 1] for x's rows [row, row + rows), x having k columns. Points and z (k = 2) have a
 * loop of their own: the general one, with its inner loop over k, takes 3–5 times as long, and
 * runs for every row of every conditional layer's forward.
 */
function withOnes(xs: Float32Array, row: number, rows: number, k: number, a: Float32Array): void {
  if (k === 2) {
    for (let r = 0, from = row * 2, to = 0; r < rows; r++, from += 2, to += 3) {
      a[to] = xs[from];
      a[to + 1] = xs[from + 1];
      a[to + 2] = 1;
    }
    return;
  }
  for (let r = 0, from = row * k, to = 0; r < rows; r++) {
    for (let j = 0; j < k; j++) a[to++] = xs[from++];
    a[to++] = 1;
  }
}
