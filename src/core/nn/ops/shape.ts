/**
 * Joining and cutting matrices: columns (a condition's one-hot beside a point) and rows
 * (real and fake samples in one batch). Copies, so every result is its own arena tensor.
 */
import { record, Var } from '../tape.js';

/** [a | b | ...]: the parts side by side; all have the same number of rows. */
export function concatColumns(parts: readonly Var[]): Var {
  if (parts.length === 0) throw new RangeError('concatColumns: no parts');
  const rows = parts[0].rows;
  let cols = 0;
  for (const part of parts) {
    if (part.rows !== rows) throw new RangeError(`concatColumns: parts have ${rows} and ${part.rows} rows`);
    cols += part.cols;
  }
  const { engine } = parts[0];
  const value = engine.arena.scratch(rows, cols);
  const out = value.data;
  let start = 0;
  for (const part of parts) {
    // Element loops: the parts are a few columns wide, and a subarray per row costs more than it copies.
    const source = part.value.data, width = part.cols;
    for (let r = 0, from = 0, to = start; r < rows; r++, to += cols) {
      for (let c = 0; c < width; c++) out[to + c] = source[from++];
    }
    start += width;
  }
  return record(engine, value, parts, (g, ctx) => {
    let offset = 0;
    parts.forEach((part, i) => {
      if (ctx.needs(i)) ctx.emit(i, sliceColumns(g, offset, part.cols));
      offset += part.cols;
    });
  });
}

/** Columns [start, start + count) of x. */
export function sliceColumns(x: Var, start: number, count: number): Var {
  if (start < 0 || count < 0 || start + count > x.cols) {
    throw new RangeError(`sliceColumns: columns [${start}, ${start + count}) of a ${x.rows}×${x.cols} matrix`);
  }
  const { engine } = x;
  const value = engine.arena.scratch(x.rows, count);
  const source = x.value.data, out = value.data;
  for (let r = 0, from = start, to = 0; r < x.rows; r++, from += x.cols) {
    for (let c = 0; c < count; c++) out[to++] = source[from + c];
  }
  const total = x.cols;
  return record(engine, value, [x], (g, ctx) => {
    ctx.emit(0, concatColumns(withZeros(g, [g.rows, start], [g.rows, total - start - count])));
  });
}

/** [a; b; ...]: the parts stacked; all have the same number of columns. */
export function concatRows(parts: readonly Var[]): Var {
  if (parts.length === 0) throw new RangeError('concatRows: no parts');
  const cols = parts[0].cols;
  let rows = 0;
  for (const part of parts) {
    if (part.cols !== cols) throw new RangeError(`concatRows: parts have ${cols} and ${part.cols} columns`);
    rows += part.rows;
  }
  const { engine } = parts[0];
  const value = engine.arena.scratch(rows, cols);
  let start = 0;
  for (const part of parts) {
    value.data.set(part.value.data.subarray(0, part.value.size), start * cols);
    start += part.rows;
  }
  return record(engine, value, parts, (g, ctx) => {
    let offset = 0;
    parts.forEach((part, i) => {
      if (ctx.needs(i)) ctx.emit(i, sliceRows(g, offset, part.rows));
      offset += part.rows;
    });
  });
}

/** Rows [start, start + count) of x. */
export function sliceRows(x: Var, start: number, count: number): Var {
  if (start < 0 || count < 0 || start + count > x.rows) {
    throw new RangeError(`sliceRows: rows [${start}, ${start + count}) of a ${x.rows}×${x.cols} matrix`);
  }
  const { engine } = x;
  const value = engine.arena.scratch(count, x.cols);
  value.data.set(x.value.data.subarray(start * x.cols, (start + count) * x.cols));
  const total = x.rows;
  return record(engine, value, [x], (g, ctx) => {
    ctx.emit(0, concatRows(withZeros(g, [start, g.cols], [total - start - count, g.cols])));
  });
}

/** [zeros(before), g, zeros(after)], leaving out empty blocks: the adjoint of a slice. */
function withZeros(g: Var, before: [number, number], after: [number, number]): Var[] {
  const parts: Var[] = [];
  if (before[0] * before[1] > 0) parts.push(Var.full(g.engine, before[0], before[1], 0));
  parts.push(g);
  if (after[0] * after[1] > 0) parts.push(Var.full(g.engine, after[0], after[1], 0));
  return parts;
}

/**
 * x's values, row-major, read as a rows × cols matrix (rows · cols must be x's size). Packing
 * points side by side (PacGAN's D input) is this: k consecutive rows become one row.
 */
export function reshape(x: Var, rows: number, cols: number): Var {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0) || rows * cols !== x.value.size) {
    throw new RangeError(`reshape: a ${x.rows}×${x.cols} matrix cannot be read as ${rows}×${cols}`);
  }
  const { engine } = x;
  const value = engine.arena.scratch(rows, cols);
  // x.value.data is read after the allocation, which may have moved the buffer.
  value.data.set(x.value.data.subarray(0, x.value.size));
  const [fromRows, fromCols] = [x.rows, x.cols];
  return record(engine, value, [x], (g, ctx) => {
    ctx.emit(0, reshape(g, fromRows, fromCols));
  });
}
