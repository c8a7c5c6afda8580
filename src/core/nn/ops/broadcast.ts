/**
 * Broadcasting and its adjoint: reduceTo sums a matrix down to a broadcastable shape
 * (1×1, 1×n, m×1), broadcastTo repeats such a shape back up. Each is the other's gradient,
 * and reduceTo is the gradient of every broadcasting elementwise op.
 */
import { record, type Var } from '../tape.js';

/** Sums x (rows×cols) down to rows×cols = 1×1, 1×cols, rows×1, or leaves it (same shape). */
export function reduceTo(x: Var, rows: number, cols: number): Var {
  if (rows === x.rows && cols === x.cols) return x;
  if ((rows !== 1 && rows !== x.rows) || (cols !== 1 && cols !== x.cols)) {
    throw new RangeError(`reduceTo: cannot sum ${x.rows}×${x.cols} to ${rows}×${cols}`);
  }
  const { engine } = x;
  const value = engine.arena.scratch(rows, cols);
  const source = x.value.data, out = value.data;
  if (rows === 1 && cols === x.cols) {
    engine.kernels.columnSums(source, x.rows, x.cols, out, false);
  } else if (cols === 1 && rows === x.rows) {
    for (let r = 0; r < x.rows; r++) {
      let sum = 0;
      for (let c = 0, i = r * x.cols; c < x.cols; c++, i++) sum += source[i];
      out[r] = sum;
    }
  } else {
    let sum = 0;
    for (let i = 0; i < x.value.size; i++) sum += source[i];
    out[0] = sum;
  }
  const fromRows = x.rows, fromCols = x.cols;
  return record(engine, value, [x], (g, ctx) => ctx.emit(0, broadcastTo(g, fromRows, fromCols)));
}

/** Repeats x (1×1, 1×cols or rows×1) to rows×cols. */
export function broadcastTo(x: Var, rows: number, cols: number): Var {
  if (rows === x.rows && cols === x.cols) return x;
  if ((x.rows !== 1 && x.rows !== rows) || (x.cols !== 1 && x.cols !== cols)) {
    throw new RangeError(`broadcastTo: cannot repeat ${x.rows}×${x.cols} to ${rows}×${cols}`);
  }
  const value = x.engine.arena.scratch(rows, cols);
  const source = x.value.data, out = value.data;
  const rowStride = x.rows === 1 ? 0 : x.cols, colStride = x.cols === 1 ? 0 : 1;
  for (let r = 0, o = 0; r < rows; r++) {
    for (let c = 0, i = r * rowStride; c < cols; c++, i += colStride) out[o++] = source[i];
  }
  const fromRows = x.rows, fromCols = x.cols;
  return record(x.engine, value, [x], (g, ctx) => ctx.emit(0, reduceTo(g, fromRows, fromCols)));
}
