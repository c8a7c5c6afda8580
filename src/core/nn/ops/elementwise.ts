/**
 * Elementwise ops in plain TypeScript (cheap next to the matmuls: loss columns, penalty
 * terms). Binary ops broadcast like NumPy over two dimensions: each operand's rows and
 * columns either match the result's or are 1 (a 1×1 scalar, a 1×n row, an m×1 column).
 */
import { record, Var } from '../tape.js';
import type { Tensor } from '../tensor.js';
import { reduceTo } from './broadcast.js';

const enum Binary { Add, Subtract, Multiply, Divide }

function binary(a: Var, b: Var, op: Binary, name: string): Tensor {
  const rows = broadcastDim(a.rows, b.rows, name, a, b);
  const cols = broadcastDim(a.cols, b.cols, name, a, b);
  const value = a.engine.arena.scratch(rows, cols);
  const x = a.value.data, y = b.value.data, out = value.data;
  // Strides of 0 repeat a broadcast operand.
  const rowStrideA = a.rows === 1 ? 0 : a.cols, colStrideA = a.cols === 1 ? 0 : 1;
  const rowStrideB = b.rows === 1 ? 0 : b.cols, colStrideB = b.cols === 1 ? 0 : 1;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    let i = r * rowStrideA, j = r * rowStrideB;
    switch (op) {
      case Binary.Add: for (let c = 0; c < cols; c++, i += colStrideA, j += colStrideB) out[o++] = x[i] + y[j]; break;
      case Binary.Subtract: for (let c = 0; c < cols; c++, i += colStrideA, j += colStrideB) out[o++] = x[i] - y[j]; break;
      case Binary.Multiply: for (let c = 0; c < cols; c++, i += colStrideA, j += colStrideB) out[o++] = x[i] * y[j]; break;
      case Binary.Divide: for (let c = 0; c < cols; c++, i += colStrideA, j += colStrideB) out[o++] = x[i] / y[j]; break;
    }
  }
  return value;
}

function broadcastDim(m: number, n: number, name: string, a: Var, b: Var): number {
  if (m === n || n === 1) return m;
  if (m === 1) return n;
  throw new RangeError(`${name}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} do not broadcast`);
}

/** Sums a broadcast result's gradient back to an operand's shape. */
const toShapeOf = (gradient: Var, operand: Var): Var => reduceTo(gradient, operand.rows, operand.cols);

export function add(a: Var, b: Var): Var {
  return record(a.engine, binary(a, b, Binary.Add, 'add'), [a, b], (g, ctx) => {
    if (ctx.needs(0)) ctx.emit(0, toShapeOf(g, a));
    if (ctx.needs(1)) ctx.emit(1, toShapeOf(g, b));
  });
}

export function sub(a: Var, b: Var): Var {
  return record(a.engine, binary(a, b, Binary.Subtract, 'sub'), [a, b], (g, ctx) => {
    if (ctx.needs(0)) ctx.emit(0, toShapeOf(g, a));
    if (ctx.needs(1)) ctx.emit(1, toShapeOf(scale(g, -1), b));
  });
}

export function mul(a: Var, b: Var): Var {
  return record(a.engine, binary(a, b, Binary.Multiply, 'mul'), [a, b], (g, ctx) => {
    if (ctx.needs(0)) ctx.emit(0, toShapeOf(mul(g, b), a));
    if (ctx.needs(1)) ctx.emit(1, toShapeOf(mul(g, a), b));
  });
}

export function div(a: Var, b: Var): Var {
  return record(a.engine, binary(a, b, Binary.Divide, 'div'), [a, b], (g, ctx) => {
    if (ctx.needs(0)) ctx.emit(0, toShapeOf(div(g, b), a));
    // d(a/b)/db = -(a/b)/b, written from the output.
    if (ctx.needs(1)) ctx.emit(1, toShapeOf(scale(div(mul(g, ctx.output), b), -1), b));
  });
}

/** f of every element, into a new scratch tensor. */
function map(x: Var, f: (value: number) => number): Tensor {
  const value = x.engine.arena.scratch(x.rows, x.cols);
  const source = x.value.data, out = value.data;
  for (let i = 0; i < out.length; i++) out[i] = f(source[i]);
  return value;
}

/** x · s for a constant s. */
export function scale(x: Var, s: number): Var {
  return record(x.engine, map(x, (v) => v * s), [x], (g, ctx) => ctx.emit(0, scale(g, s)));
}

/** x + s for a constant s. */
export function addScalar(x: Var, s: number): Var {
  return record(x.engine, map(x, (v) => v + s), [x], (g, ctx) => ctx.emit(0, g));
}

export function square(x: Var): Var {
  return record(x.engine, map(x, (v) => v * v), [x], (g, ctx) => ctx.emit(0, mul(g, scale(x, 2))));
}

/** √x; its gradient is infinite at 0 (add a small constant first where that can happen). */
export function sqrt(x: Var): Var {
  return record(x.engine, map(x, Math.sqrt), [x], (g, ctx) => ctx.emit(0, scale(div(g, ctx.output), 0.5)));
}

export function exp(x: Var): Var {
  return record(x.engine, map(x, Math.exp), [x], (g, ctx) => ctx.emit(0, mul(g, ctx.output)));
}

export function log(x: Var): Var {
  return record(x.engine, map(x, Math.log), [x], (g, ctx) => ctx.emit(0, div(g, x)));
}

/** max(x, floor) for a constant floor; the gradient passes where x > floor. */
export function clampMin(x: Var, floor: number): Var {
  return record(x.engine, map(x, (v) => (v > floor ? v : floor)), [x], (g, ctx) => {
    ctx.emit(0, mul(g, Var.constant(x.engine, map(x, (v) => (v > floor ? 1 : 0)))));
  });
}
