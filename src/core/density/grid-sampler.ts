import type { Rng } from '../rng.js';
import { buildAliasTable, type AliasTable } from './alias-table.js';
import type { DensityGrid } from './grid.js';
import { pictureBox, type Box } from './placement.js';

/** Samples drawn per block of random numbers: 4 draws each, 16 KiB of scratch. */
const BLOCK = 1024;
const TWO_POW_MINUS_32 = 2 ** -32;
/** Columns and rows are packed into one 32-bit label: 16 bits each. */
export const MAX_GRID_SIDE = 65535;

/**
 * Exact sampling of a piecewise-constant density grid: an alias table over the pixels with
 * mass picks a pixel with probability proportional to its value, then a uniform point inside
 * it. Each sample uses exactly four 32-bit draws: slot, coin, x within the pixel, y within it.
 * Coordinates are the float32 nearest to the exact point, so a value can land on a pixel's
 * upper edge (1.0 at most) by rounding.
 */
export class GridSampler {
  readonly box: Box;
  private readonly table: AliasTable;
  private readonly cellWidth: number;
  private readonly cellHeight: number;
  private readonly draws = new Uint32Array(4 * BLOCK);

  constructor(readonly grid: DensityGrid, options: { stretch?: boolean } = {}) {
    const { width, height, values } = grid;
    if (width < 1 || height < 1 || width > MAX_GRID_SIDE || height > MAX_GRID_SIDE) {
      throw new RangeError(`GridSampler: grid size ${width}x${height} is outside 1..${MAX_GRID_SIDE}`);
    }
    // Only pixels with mass enter the table: smaller tables stay in cache.
    let count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > 0) count++;
    if (count === 0) throw new RangeError('GridSampler: the grid has no mass');
    const weights = new Float64Array(count);
    const labels = new Uint32Array(count);
    let k = 0;
    for (let row = 0; row < height; row++) {
      const rowFromBottom = height - 1 - row;
      for (let column = 0; column < width; column++) {
        const v = values[row * width + column];
        if (v > 0) {
          weights[k] = v;
          labels[k] = (column | (rowFromBottom << 16)) >>> 0;
          k++;
        }
      }
    }
    this.table = buildAliasTable(weights, labels);
    this.box = pictureBox(width, height, options.stretch);
    this.cellWidth = (this.box.xMax - this.box.xMin) / width;
    this.cellHeight = (this.box.yMax - this.box.yMin) / height;
  }

  /** Writes n samples as interleaved (x, y) into out[offset .. offset + 2n). */
  sample(n: number, rng: Rng, out: Float32Array, offset = 0): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`GridSampler.sample: n must be a non-negative integer, got ${n}`);
    if (offset + 2 * n > out.length) throw new RangeError('GridSampler.sample: out is too small');
    const entries = this.table.entries;
    const slotShift = 32 - this.table.slotBits;
    const coinShift = 32 - this.table.thresholdBits;
    const draws = this.draws;
    const { xMin, yMin } = this.box;
    const cellWidth = this.cellWidth;
    const cellHeight = this.cellHeight;
    let o = offset;
    for (let done = 0; done < n; done += BLOCK) {
      const m = Math.min(BLOCK, n - done);
      rng.fillUint32(draws, 0, 4 * m);
      for (let j = 0; j < 4 * m; j += 4) {
        const s = 3 * (draws[j] >>> slotShift);
        const label = draws[j + 1] >>> coinShift < entries[s] ? entries[s + 1] : entries[s + 2];
        out[o++] = xMin + ((label & 0xffff) + draws[j + 2] * TWO_POW_MINUS_32) * cellWidth;
        out[o++] = yMin + ((label >>> 16) + draws[j + 3] * TWO_POW_MINUS_32) * cellHeight;
      }
    }
  }
}
