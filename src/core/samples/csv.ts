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
/** Two numbers, a condition (no number's text is longer than 25 characters), two commas and a newline. */
const ROW_BYTES = 2 * MAX_FLOAT32_DECIMAL_BYTES + 25 + 3;

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
    const { points, conditions } = block;
    const bits = new Uint32Array(points.buffer, points.byteOffset, points.length);
    for (let i = 0; i < rows; i++) {
      if (at > CSV_CHUNK_BYTES - ROW_BYTES) {
        write(buffer.subarray(0, at));
        at = 0;
      }
      at = writeFloat32Decimal(bits[2 * i], buffer, at);
      buffer[at++] = COMMA;
      at = writeFloat32Decimal(bits[2 * i + 1], buffer, at);
      if (conditions) {
        buffer[at++] = COMMA;
        at = writeText(String(conditions[i]), buffer, at);
      }
      buffer[at++] = NEWLINE;
    }
  }
  write(buffer.subarray(0, at));
}

function writeText(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
