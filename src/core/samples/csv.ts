/**
 * The bytes of a samples CSV: a header `x,y` (or `x,y,condition`), then one point a line, each
 * number the shortest decimal that reads back as the same float32 (float32-decimal.ts), the
 * condition as a whole number. Built in large chunks, never as one string.
 */
import { blockRows, type SamplesBlock } from './block.js';
import { MAX_FLOAT32_DECIMAL_BYTES, writeFloat32Decimal } from './float32-decimal.js';

/** Bytes per chunk handed to `write`. */
export const CSV_CHUNK_BYTES = 1 << 20;

const COMMA = 0x2c;
const NEWLINE = 0x0a;
/** The most bytes a row takes: two numbers, a condition (no number's text is longer than 25 characters), two commas and a newline. */
const CSV_ROW_BYTES = 2 * MAX_FLOAT32_DECIMAL_BYTES + 25 + 3;

/**
 * Encodes blocks of points, with a condition column when `conditional` (then every block has its
 * conditions). `write` receives the file's bytes in order, in chunks of at most CSV_CHUNK_BYTES; a
 * chunk is only valid during the call (its buffer is reused).
 */
export function encodeSamplesCsv(blocks: Iterable<SamplesBlock>, conditional: boolean, write: (chunk: Uint8Array) => void): void {
  const buffer = new Uint8Array(CSV_CHUNK_BYTES);
  let at = writeText(conditional ? 'x,y,condition\n' : 'x,y\n', buffer, 0);
  for (const block of blocks) {
    const rows = blockRows(block, conditional, 'encodeSamplesCsv');
    for (let start = 0; start < rows;) {
      const fit = Math.min(rows - start, Math.floor((CSV_CHUNK_BYTES - at) / CSV_ROW_BYTES));
      if (fit === 0) {
        write(buffer.subarray(0, at));
        at = 0;
        continue;
      }
      at = encodeCsvRowsInto(block.points, block.conditions, start, start + fit, buffer, at);
      start += fit;
    }
  }
  write(buffer.subarray(0, at));
}

/**
 * Rows start … end − 1 of a block's points and conditions (if any, as many: checked by the
 * caller) into `out` from `at`, which has (end − start) · CSV_ROW_BYTES bytes free; returns the
 * index after them. A loop of its own, without the chunk check, for rows known to fit.
 */
function encodeCsvRowsInto(points: Float32Array, conditions: ArrayLike<number> | undefined, start: number, end: number, out: Uint8Array, at: number): number {
  const bits = new Uint32Array(points.buffer, points.byteOffset, points.length);
  for (let i = start; i < end; i++) {
    at = writeFloat32Decimal(bits[2 * i], out, at);
    out[at++] = COMMA;
    at = writeFloat32Decimal(bits[2 * i + 1], out, at);
    if (conditions) {
      out[at++] = COMMA;
      at = writeText(String(conditions[i]), out, at);
    }
    out[at++] = NEWLINE;
  }
  return at;
}

function writeText(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/**
 * encodeCsvRowsInto a few times at load, with and without conditions, as float32-decimal.ts
 * warms its formatter: otherwise the first call's lines before its loop (run before the function
 * gathers feedback) throw away its optimized code on the second call.
 */
function warmUp(): void {
  const out = new Uint8Array(CSV_ROW_BYTES);
  const points = Float32Array.of(0.25, 0.6882133);
  for (let round = 0; round < 20; round++) {
    encodeCsvRowsInto(points, undefined, 0, 1, out, 0);
    encodeCsvRowsInto(points, [3], 0, 1, out, 0);
  }
}
warmUp();
