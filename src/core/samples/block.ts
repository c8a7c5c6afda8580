/**
 * Samples in blocks, as the file encoders take them: a writer need not hold every point at
 * once (`gan2d sample` draws a block, writes it, and draws the next into the same memory).
 */

/** Points (interleaved x, y) and, for a conditional run, each point's condition index. */
export interface SamplesBlock {
  points: Float32Array;
  conditions?: ArrayLike<number>;
}

/** Rows a block holds when a writer makes its own: 512 KiB of float32 pairs, warm in cache. */
export const BLOCK_ROWS = 1 << 16;

/** Checks a block against what the file says (conditional or not) and returns its row count. */
export function blockRows(block: SamplesBlock, conditional: boolean, who: string): number {
  const rows = block.points.length >> 1;
  if (conditional !== (block.conditions !== undefined)) {
    throw new RangeError(`${who}: a block ${conditional ? 'without' : 'with'} conditions in a ${conditional ? 'conditional' : 'plain'} file`);
  }
  if (block.conditions !== undefined && block.conditions.length !== rows) {
    throw new RangeError(`${who}: ${block.conditions.length} conditions for ${rows} points`);
  }
  return rows;
}
